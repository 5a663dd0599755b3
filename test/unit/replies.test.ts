import { describe, expect, it } from 'vitest';
import {
  asksBack,
  cleanQuestion,
  cleanReply,
  isAutoNotice,
  questionSentences,
  questionText,
  replyAnswer,
  saysNothing,
  topicalSubject,
} from '../../src/main/core/text/clean';
import { keptRole } from '../../src/main/core/tickets/derive';

describe('which reply answers', () => {
  it('takes a reply that only asks the customer something back for no answer yet', () => {
    expect(asksBack('Hi Wei,\n\nWhich card is this about?\n\nBest,\nTom')).toBe(true);
    expect(asksBack('Hello, could you tell me a bit more? What do you see on the screen?')).toBe(true);
    // closing courtesies around the question change nothing
    expect(asksBack('Hi Priya,\n\nThanks for reaching out! Which card is this about?\n\nHave a great day!\n\nBest,\nIdris')).toBe(true);
    expect(
      asksBack(
        'Hi Priya,\n\nCould you tell me when this happened?\n\nLet me know if there is anything else I can help with.\n\nBest,\nRuth',
      ),
    ).toBe(true);
    // an answer with a closing question is an answer
    expect(asksBack('Refunds take 5 to 10 working days. Is there anything else I can help with?')).toBe(false);
  });

  it('takes a reply that says the team is looking into it for no answer yet', () => {
    expect(asksBack('Thanks for reaching out! Let me look into this for you.')).toBe(true);
    expect(asksBack('Sorry to hear that. Bear with me while I check with the card team.')).toBe(true);
    expect(asksBack('Thanks for reaching out!')).toBe(false);
  });

  it('takes the lines a live chat opens with for no answer yet, and an answer that only sounds like them for an answer', () => {
    for (const line of [
      'Hi! Thanks for contacting Acme. An agent will be with you shortly.',
      'Thanks for your patience, one of our team members will be right with you.',
      "You're now chatting with Sam.",
      'Just a sec!',
      'Please hold while I look into this.',
      "I'll transfer you to billing.",
    ])
      expect(asksBack(line), line).toBe(true);
    for (const answer of [
      'It takes just a minute to set up in the app.',
      'Please wait 5 working days for the refund.',
      'Hold the button for 5 seconds to reset it.',
      'We will transfer the money within 3 days.',
      'Your order will be with you in 3 days.',
      'Make sure you are connected to Wi-Fi, then try again.',
    ])
      expect(asksBack(answer), answer).toBe(false);
  });

  it('takes a reply that hands the question on to a colleague or a team for no answer yet', () => {
    expect(asksBack('Thanks for getting in touch! A colleague from the right team will look at this and reply by email.')).toBe(true);
    expect(asksBack('Hi Sam,\n\nSorry about that. Our billing team will get back to you within a day.\n\nBest,\nTom')).toBe(true);
    expect(asksBack('Vielen Dank! Ein Kollege aus der Buchhaltung meldet sich bei Ihnen.')).toBe(true);
    expect(asksBack('¡Gracias! Un compañero se pondrá en contacto contigo por correo.')).toBe(true);
    expect(asksBack('Merci ! Un collègue reviendra vers vous par e-mail.')).toBe(true);
    // an answer that says who to ask next is an answer
    expect(asksBack('Restart the kettle. If it still shows E4, a colleague will call you to arrange a repair.')).toBe(false);
    expect(asksBack('The courier will contact you to arrange a new delivery day.')).toBe(false);
  });

  it('takes a reply that tells the customer anything, or suggests what to try, for an answer', () => {
    expect(asksBack('Hi Wei,\n\nCards arrive within 5 working days. Anything else?\n\nBest,\nTom')).toBe(false);
    expect(asksBack('Have you tried restarting the app?')).toBe(false);
    expect(asksBack('Sorry to hear that. Refunds take 5 to 10 working days to show.')).toBe(false);
    expect(asksBack('')).toBe(false);
  });

  it('keeps an answer that opens with thanks, and drops the sign-off at its end', () => {
    expect(cleanReply('Thanks for reaching out! Refunds take 5 to 10 working days.')).toBe(
      'Thanks for reaching out! Refunds take 5 to 10 working days.',
    );
    expect(cleanReply('Hi Wei,\n\nRefunds take 5 to 10 working days.\n\nThanks,\nTom')).toBe('Refunds take 5 to 10 working days.');
    expect(cleanReply('Hi Wei,\n\nThanks for reaching out! Refunds take 5 to 10 days.\n\nBest,\nTom')).toBe(
      'Thanks for reaching out! Refunds take 5 to 10 days.',
    );
  });

  it('takes a customer’s hello or call for attention alone for no question yet', () => {
    expect(saysNothing('Hi there!!')).toBe(true);
    expect(saysNothing('hi, I have a question')).toBe(true);
    expect(saysNothing('Hello, can someone help me please?')).toBe(true);
    expect(saysNothing('Quick question')).toBe(true);
    expect(saysNothing('I have a problem with my order')).toBe(false);
    expect(saysNothing('Can you help me cancel my order?')).toBe(false);
    expect(saysNothing('Good morning team,')).toBe(true);
    expect(saysNothing('Is anyone there?')).toBe(true);
    expect(saysNothing(':)')).toBe(true);
    expect(saysNothing('Hi, my card has not arrived')).toBe(false);
    expect(saysNothing('Help me reset my password')).toBe(false);
  });

  it('reads asking back, holding lines, courtesies and hellos in German, Spanish and French too', () => {
    // asking back, with a courtesy and a closer around it
    expect(
      asksBack('Hallo Jonas,\n\nvielen Dank für Ihre Nachricht! Um welche Karte geht es?\n\nSchönen Tag noch!\n\nViele Grüße\nAnna'),
    ).toBe(true);
    expect(asksBack('Hola Lucía,\n\n¡Gracias por escribirnos! ¿Qué tarjeta es?\n\nQue tengas un buen día.\n\nSaludos,\nMarta')).toBe(true);
    expect(
      asksBack("Bonjour Léa,\n\nMerci pour votre message ! De quelle carte s'agit-il ?\n\nBonne journée !\n\nCordialement,\nPaul"),
    ).toBe(true);
    // the team is looking into it
    expect(asksBack('Danke! Ich schaue mir das gleich an.')).toBe(true);
    expect(asksBack('Lo siento mucho. Voy a revisar tu cuenta.')).toBe(true);
    expect(asksBack('Désolé pour ce souci. Je vais vérifier cela avec notre équipe.')).toBe(true);
    // an answer stays an answer
    expect(asksBack('Die Karte kommt in 5 Werktagen an. Kann ich sonst noch helfen?')).toBe(false);
    expect(asksBack('La tarjeta llega en 5 días hábiles.')).toBe(false);
    // a hello alone asks nothing yet
    expect(saysNothing('Guten Morgen!')).toBe(true);
    expect(saysNothing('Buenos días')).toBe(true);
    expect(saysNothing('Salut !')).toBe(true);
    expect(saysNothing('Hay alguien ahí?')).toBe(true);
    expect(saysNothing('Bonjour, ma carte ne marche pas')).toBe(false);
  });
});

describe('what a reply answers', () => {
  it('is the reply without greeting, signature, courtesies and the line leading into the steps', () => {
    const reply =
      "Hi Kwame,\n\nThanks for reaching out! Cards usually arrive within 5 working days. Here's how to follow yours:\n1. Open Card.\n2. Tap Order status.\n\nHave a great day!\n\nBest,\nIdris";
    expect(replyAnswer(reply)).toBe('Cards usually arrive within 5 working days.\n1. Open Card.\n2. Tap Order status.');
    // a reply that is nothing but a courtesy stays as it is
    expect(replyAnswer('Thanks so much!')).toBe('Thanks so much!');
    expect(replyAnswer('Sure, tap Card > Freeze.')).toBe('Sure, tap Card > Freeze.');
    // a line that says what the list after it is stays; so does kindness that goes on to the answer
    expect(replyAnswer('We accept these cards:\n- Visa\n- Mastercard')).toBe('We accept these cards:\n- Visa\n- Mastercard');
    expect(replyAnswer("I'm sorry to hear that, please freeze the card under Card > Freeze.")).toBe(
      "I'm sorry to hear that, please freeze the card under Card > Freeze.",
    );
  });
});

describe('messages by email', () => {
  it('end where the quoted message, the forwarded header or the phone signature starts, in every language', () => {
    const asked = 'My card does not work at the ATM.';
    for (const tail of [
      'On Mon, Dec 3, 2026 at 10:00 AM Support <\nhelp@example.com> wrote:\n> How can we help?',
      'Am Mo., 3. Dez. 2026 um 10:00 Uhr schrieb Support <help@example.com>:\n> Wie können wir helfen?',
      'El lun, 3 dic 2026 a las 10:00, Soporte <help@example.com> escribió:\n> ¿En qué podemos ayudar?',
      'Le lun. 3 déc. 2026 à 10:00, Support <help@example.com> a écrit :\n> Comment pouvons-nous aider ?',
      '________________________________\nFrom: Support <help@example.com>\nSent: Monday, 3 December 2026',
      'Von: Support <help@example.com>\nGesendet: Montag, 3. Dezember 2026 10:00\nAn: Hannah Weiss',
      'De : Support <help@example.com>\nEnvoyé : lundi 3 décembre 2026 10:00',
      '-----Ursprüngliche Nachricht-----\nVon: Support',
      'Get Outlook for iOS',
      'Von meinem iPhone gesendet',
      'Enviado desde mi iPhone',
      'Envoyé de mon iPhone',
      '---------- Forwarded message ---------\nFrom: Shop <orders@example.com>\nSubject: Your receipt',
      'Begin forwarded message:\n\n> From: Shop <orders@example.com>',
      '-------- Weitergeleitete Nachricht --------\nBetreff: Beleg',
      '-------- Message transféré --------\nSujet : Reçu',
      '*From:* Support <help@example.com>\n*Sent:* Monday, 3 December 2026 10:00',
    ])
      expect(cleanQuestion(`${asked}\n\n${tail}`)).toBe(asked);
    // words that only look like a header inside the message stay
    expect(cleanQuestion('De: is the prefix on my statement, what is it?')).toBe('De: is the prefix on my statement, what is it?');
  });

  it('end where a long company signature or a legal footer starts', () => {
    const signed = [
      'Hi Hannah,',
      '',
      'You can reset your PIN under Card > Security.',
      '',
      'Kind regards,',
      'Maya Fischer',
      'Customer Support Specialist',
      'Brightkettle Ltd | 12 High Street, London',
      'Tel: +44 20 7946 0000',
      'www.brightkettle.com',
      '',
      'This email and any attachments are confidential and intended solely for the addressee.',
      'If you received it in error, please delete it.',
    ].join('\n');
    expect(replyAnswer(signed)).toBe('You can reset your PIN under Card > Security.');
    expect(replyAnswer('Refunds take 5 to 10 days.\n\nCONFIDENTIALITY NOTICE: this message is for its addressee only.')).toBe(
      'Refunds take 5 to 10 days.',
    );
    // a thanks that goes on with the answer is no sign-off
    const steps =
      'Hi Sam,\n\nThanks for waiting!\n1. Open Card > Security.\n2. Tap Reset PIN.\n3. Choose a new PIN.\n4. Confirm it.\n5. Done.';
    expect(cleanReply(steps)).toBe(
      'Thanks for waiting!\n1. Open Card > Security.\n2. Tap Reset PIN.\n3. Choose a new PIN.\n4. Confirm it.\n5. Done.',
    );
  });

  it('from a customer end where their signature, its contact lines or a legal footer start, and lose inline images', () => {
    const asked = 'My invoice for March shows the wrong VAT number. Can you fix it?';
    for (const tail of [
      'Thanks,\nMaria Gonzalez\nFinance Manager | Acme GmbH',
      'Kind regards\nTom',
      'Thanks in advance,\nPriya',
      'Thank you so much,\nPriya Raman\nHead of Operations',
      '--\nBob Smith\nwww.bobsbakery.com',
      'Maria Gonzalez\nFinance Manager | Acme GmbH\nwww.acme.com',
      'Maria Gonzalez\n+49 30 1234567',
      'Carlos Mendes\nFounder | Castillo & Hijos S.L.\nwww.castillo.com\n\nCONFIDENTIALITY NOTICE: This e-mail is confidential.',
      'CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.',
    ])
      expect(cleanQuestion(`Hi,\n\n${asked}\n\n${tail}`)).toBe(asked);
    expect(cleanQuestion('My refund has not arrived. [image: logo.png]\n[cid:image001.png@01D9A1B2.C3D4E5F0]')).toBe(
      'My refund has not arrived.',
    );
    // what only looks like a signature is the customer's own message: a thanks that goes on, details they point to
    expect(cleanQuestion("I can't log in.\nThanks, but the reset link you sent doesn't work either")).toBe(
      "I can't log in. Thanks, but the reset link you sent doesn't work either",
    );
    expect(cleanQuestion('I was charged twice, details:\n\nVisa Card\n+44 20 7946 0958')).toBe(
      'I was charged twice, details: Visa Card +44 20 7946 0958',
    );
    expect(cleanQuestion('Where is my order?\n\nOrder ABC-123\nPlaced 3 March, +44 20 7946 0958')).toBe(
      'Where is my order? Order ABC-123 Placed 3 March, +44 20 7946 0958',
    );
    // an agent's contact lines under the answer can be the answer
    expect(cleanReply('You can reach our billing team directly.\n\nBilling Team\nbilling@acme.com')).toBe(
      'You can reach our billing team directly.\n\nBilling Team\nbilling@acme.com',
    );
  });
});

describe('messages from a web form', () => {
  it('keep the message and what it is about, without the fields that say who asks', () => {
    const form = [
      'Name: John Smith',
      'Email: john.smith@example.com',
      'Phone: +1 555 0100',
      'Order number: BK-123456',
      'Reason: Delivery',
      'Message:',
      'How do I change my delivery address?',
    ].join('\n');
    expect(cleanQuestion(form)).toBe('Reason: Delivery How do I change my delivery address?');
    expect(cleanQuestion('Nom: Hannah Weiss\nNachricht: Meine Karte geht nicht.')).toBe('Meine Karte geht nicht.');
    // a sentence that only starts like a field stays
    expect(cleanQuestion('My order number: is it the one on the invoice?')).toBe('My order number: is it the one on the invoice?');
  });

  it('leave out a subject every form or chat gives alike, and the "Re:" of a reply', () => {
    for (const generic of [
      'Contact form submission',
      'Chat with Visitor 12345',
      'New message from website',
      '(no subject)',
      'Support request',
    ])
      expect(topicalSubject(generic)).toBeNull();
    expect(topicalSubject('Re: Fwd: Refund for my order')).toBe('Refund for my order');
    expect(topicalSubject('Question about my refund')).toBe('Question about my refund');
    expect(topicalSubject('Return request')).toBe('Return request');
    expect(questionText('Chat with Hannah Weiss', 'Where is my parcel?')).toBe('Where is my parcel?');
    expect(questionText('Re: Parcel', 'It has not arrived.')).toBe('Parcel. It has not arrived.');
  });
});

describe('messages from a social channel', () => {
  it('leave out the @handles, short links, agent initials and emoji of the channel, and a greeting before the answer', () => {
    expect(cleanQuestion("@AppleSupport my iphone won't charge since the update https://t.co/x1Yz")).toBe(
      "my iphone won't charge since the update",
    );
    // a conversation addressed to several handles at once
    expect(cleanQuestion('@115712 @AmazonHelp where is my package?? ordered 2 weeks ago')).toBe(
      'where is my package?? ordered 2 weeks ago',
    );
    expect(replyAnswer('@115712 Hey Jeremiah! Go to Settings > General > Software Update. ^JK')).toBe(
      'Go to Settings > General > Software Update.',
    );
    expect(replyAnswer('@115713 Try clearing the cache: Settings > Apps > Storage. Let us know how it goes /SC')).toBe(
      'Try clearing the cache: Settings > Apps > Storage. Let us know how it goes',
    );
    // emoji say how the writer feels, not what about; one between a word and a capital ends its sentence; a name's ™ stays
    expect(cleanQuestion('refund not showing on my card yet 🙄👍🏽')).toBe('refund not showing on my card yet');
    expect(replyAnswer('Happy to help 😊 Acme™ Pay works abroad too! ➡️ Open Settings.')).toBe(
      'Acme™ Pay works abroad too! Open Settings.',
    );
    // a greeting that runs straight into the message loses only its word, never the message
    expect(cleanQuestion('@AcmeHelp hey cant reset my password, the email never comes??')).toBe(
      'cant reset my password, the email never comes??',
    );
    expect(cleanQuestion('hi my card got declined, why?')).toBe('my card got declined, why?');
    expect(cleanQuestion('Hello support team, where is my refund?')).toBe('where is my refund?');
    expect(replyAnswer('@user1 Hey there you can reset it in Settings, then log in again. ^MR')).toBe(
      'You can reset it in Settings, then log in again.',
    );
    expect(replyAnswer('@sprintcare Please send us a DM with your account number! -MM https://t.co/abc123')).toBe(
      'Please send us a DM with your account number!',
    );
    // an email address is no handle, and a dash inside a sentence is no signature
    expect(replyAnswer('Email us at help@example.com - we reply within a day.')).toBe(
      'Email us at help@example.com - we reply within a day.',
    );
  });

  it('take a reply that moves the conversation to private messages for asking back, not for the answer', () => {
    expect(asksBack('@sprintcare Please send us a DM with your account number so we can look into this! ^MM')).toBe(true);
    expect(asksBack('@115712 I understand. I would like to assist you. We would need to get you into a private secured link. ^JK')).toBe(
      true,
    );
    expect(asksBack('@115714 We can help! Which iOS version are you running? https://t.co/abc')).toBe(true);
    expect(asksBack('Go to Settings > Software Update. DM us if it does not work.')).toBe(false);
  });
});

describe('a helpdesk’s automatic notices', () => {
  const notices = [
    // a chat's operator while nobody is there
    'The team typically replies in a few hours.',
    'Give the team a way to reach you:',
    'You’ll get replies here and in your email.',
    'The team will be back tomorrow.',
    'The team will reply as soon as they can.',
    'How would you rate your conversation with us?',
    'This conversation has been closed. Thanks for chatting with us!',
    // auto-reply rules and new-ticket mails
    'Hi Jane,\n\nThanks for reaching out! We’ve received your message and a member of our team will get back to you within 24 hours. In the meantime, you may find an answer in our Help Center.\n\nBest,\nThe Acme Team',
    'Your request (#48213) has been received and is being reviewed by our support staff. To add additional comments, reply to this email.',
    'We have received your request and a ticket has been created. A support representative will be reviewing your request and will send you a personal response (usually within 24 hours). Thank you for your patience.',
    'This is an automated response. We are currently closed for the holidays and will respond when we return.',
    'Vielen Dank für Ihre Nachricht. Wir haben Ihre Anfrage erhalten und melden uns so schnell wie möglich.',
    'Gracias por escribirnos. Hemos recibido tu mensaje y te responderemos lo antes posible.',
    'Merci pour votre message. Nous avons bien reçu votre demande et nous vous répondrons dans les plus brefs délais.',
  ];

  it('are told apart from anything a person or the AI agent answers', () => {
    for (const text of notices) expect(isAutoNotice(text), text).toBe(true);
  });

  it('are not an answer that mentions the wait, a person’s holding line or the AI agent’s fallback', () => {
    for (const text of [
      'Refunds take 5 to 10 working days. We’ve received your return and will get back to you within 24 hours if anything is missing.',
      'Our support hours are Monday to Friday, 9am to 5pm.',
      'Let me look into this for you.',
      'Which card is this about?',
      'Thanks for reaching out!',
      'Cards arrive within 5 working days. You can follow the delivery in the app.',
      'Your account has been closed as you asked. The balance goes back to your bank within 3 days.',
    ])
      expect(isAutoNotice(text), text).toBe(false);
  });

  it('are kept as the helpdesk’s own when sent at once, whoever they came in the name of; a fallback stays the AI agent’s', () => {
    const asked = '2026-03-02T09:00:00Z';
    const kept = (role: 'agent' | 'bot' | 'customer', body: string, after: number) =>
      keptRole({ role, body, createdAt: new Date(Date.parse(asked) + after * 1000).toISOString() }, asked);
    expect(kept('agent', notices[4]!, 8)).toBe('system');
    expect(kept('bot', notices[0]!, 3)).toBe('system');
    // the operator's rating request comes whenever the conversation closes; a person's words like a notice, an hour on, are theirs
    expect(kept('bot', 'How would you rate your conversation with us?', 3600)).toBe('system');
    expect(kept('agent', notices[4]!, 3600)).toBe('agent');
    expect(kept('customer', 'We have received your request, thanks. Still nothing?', 8)).toBe('customer');
    expect(kept('bot', 'Sorry, I couldn’t find an answer to that. Our team typically replies within a few hours.', 3)).toBe('bot');
    expect(kept('agent', 'Refunds take 5 to 10 working days.', 8)).toBe('agent');
    expect(keptRole({ role: 'agent', body: notices[4]!, createdAt: asked }, null)).toBe('agent');
  });

  it('include the notes a merge leaves in both tickets, whenever they come; a person who merged accounts answers', () => {
    const asked = '2026-03-02T09:00:00Z';
    const dayLater = '2026-03-03T09:00:00Z';
    const kept = (role: 'agent' | 'customer', body: string) => keptRole({ role, body, createdAt: dayLater }, asked);
    expect(kept('agent', 'This request was closed and merged into request #4821 "Parcel not arrived".')).toBe('system');
    expect(kept('agent', 'This ticket is closed and merged into ticket 4821')).toBe('system');
    expect(
      kept(
        'agent',
        'Request #4820 "Where is my parcel?" was closed and merged into this request. Last comment in request #4820:\n\nHello?',
      ),
    ).toBe('system');
    expect(kept('agent', 'We merged your two accounts: sign in with your work email from now on.')).toBe('agent');
    expect(kept('agent', 'Your tickets were merged into this request, and the refund is on its way.')).toBe('agent');
    expect(kept('customer', 'This request was closed and merged into request #4821, why?')).toBe('customer');
  });
});

describe('the sentences of a question', () => {
  it('are each kept on their own when there are several that say something, else none', () => {
    expect(questionSentences("Sorry to bother you on a Sunday. My card hasn't arrived yet! Can you check it? Thanks")).toEqual([
      'Sorry to bother you on a Sunday.',
      "My card hasn't arrived yet!",
      'Can you check it?',
    ]);
    // one sentence is the whole question; a word or two beside it is no sentence of its own
    expect(questionSentences('Where is my refund?')).toEqual([]);
    expect(questionSentences('Quick one. Where is my refund?')).toEqual([]);
    // a long story: its first sentences say what it is about
    expect(questionSentences(Array.from({ length: 9 }, (_, i) => `This is sentence number ${i}.`).join(' '))).toHaveLength(6);
  });
});
