import type { HelpdeskKind } from '../../../shared/domain/source';
import type { Connector, ConnectorSettings, HttpOptions } from './connector';
import { freshdeskConnector } from './freshdesk';
import { gorgiasConnector } from './gorgias';
import { helpscoutConnector } from './helpscout';
import { hubspotConnector } from './hubspot';
import { intercomConnector } from './intercom';
import { zendeskConnector } from './zendesk';

const CONNECTORS: Record<HelpdeskKind, (s: ConnectorSettings, http: HttpOptions) => Connector> = {
  zendesk: zendeskConnector,
  freshdesk: freshdeskConnector,
  intercom: intercomConnector,
  gorgias: gorgiasConnector,
  helpscout: helpscoutConnector,
  hubspot: hubspotConnector,
};

export function createConnector(settings: ConnectorSettings, http: HttpOptions = {}): Connector {
  return CONNECTORS[settings.kind](settings, http);
}
