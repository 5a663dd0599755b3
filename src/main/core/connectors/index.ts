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

/**
 * How each connector reads a ticket: its messages' roles, the helpdesk's marks. Raise a kind's
 * number when its reading changes (a message the helpdesk writes by itself recognised, a mark
 * read): the next sync of each such source reads every ticket in its history window again, and
 * writes only those that now read differently.
 */
export const READING: Record<HelpdeskKind, number> = {
  zendesk: 1,
  freshdesk: 1,
  intercom: 1,
  gorgias: 1,
  helpscout: 1,
  hubspot: 1,
};

export function createConnector(settings: ConnectorSettings, http: HttpOptions = {}): Connector {
  return CONNECTORS[settings.kind](settings, http);
}
