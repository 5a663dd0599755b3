/** The people of the demo: every personal detail the generator writes comes from these lists. */
export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Mateo',
  'Sofia',
  'Lucas',
  'Mia',
  'Ethan',
  'Amelia',
  'Hiro',
  'Chloe',
  'Arjun',
  'Zoe',
  'Jonas',
  'Lena',
  'Tomasz',
  'Aisha',
  'Diego',
  'Hannah',
  'Kwame',
  'Ingrid',
  'Rafael',
  'Yuki',
  'Fatima',
  'Marco',
  'Elif',
  'Nathan',
  'Priyanka',
  'Camille',
  'Oskar',
  'Leila',
  'Samuel',
  'Grace',
  'Dmitri',
  'Nora',
  'Julien',
  'Maya',
  'Henrik',
];
export const LAST_NAMES = [
  'Whitfield',
  'Okafor',
  'Lindqvist',
  'Castellano',
  'Nakamura',
  'Brennan',
  'Haddad',
  'Kowalski',
  'Moreau',
  'Sato',
  'Fitzgerald',
  'Bauer',
  'Adeyemi',
  'Rossi',
  'Delgado',
  'Holmberg',
  'Chaudhry',
  'Novak',
  'Peralta',
  'Eriksen',
  'Ferreira',
  'Lambert',
  'Osei',
  'Vasquez',
  'Takahashi',
  'Müller',
  'Quinlan',
  'Abernathy',
  'Sorensen',
  'Marchetti',
];
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example'];
export const STREETS = [
  'Maple Avenue',
  'Harbor Street',
  'Juniper Lane',
  'Kingsley Road',
  'Orchard Way',
  'Bellevue Drive',
  'Cedar Court',
  'Willow Crescent',
  'Foxglove Street',
  'Granite Boulevard',
  'Lantern Row',
  'Marigold Place',
];
export const CITIES = [
  'Portland, OR 97205',
  'Austin, TX 78701',
  'Denver, CO 80202',
  'Madison, WI 53703',
  'Raleigh, NC 27601',
  'Boise, ID 83702',
];

export interface DemoAgent {
  id: string;
  name: string;
  /** Share of replies in which this agent gets the answer wrong. */
  outlierRate: number;
}

export const AGENTS: DemoAgent[] = [
  { id: 'a-1', name: 'Priya Raman', outlierRate: 0 },
  { id: 'a-2', name: 'Tom Becker', outlierRate: 0 },
  { id: 'a-3', name: 'Alicia Moreno', outlierRate: 0 },
  { id: 'a-4', name: 'Sven Larsen', outlierRate: 0.3 },
  { id: 'a-5', name: 'Grace Liu', outlierRate: 0 },
  { id: 'a-6', name: 'Marcus Doyle', outlierRate: 0.25 },
  { id: 'a-7', name: 'Nadia Petrova', outlierRate: 0 },
  { id: 'a-8', name: 'Kofi Mensah', outlierRate: 0 },
];

export const BOT = { id: 'bot-1', name: 'Kettle Assistant' };

export interface DemoCustomer {
  id: string;
  first: string;
  last: string;
  email: string;
  phone: string;
  address: string;
  card: string;
}
