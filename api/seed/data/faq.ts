import type { FaqArticleInput } from '../../repositories/faq.repository';

/**
 * The demo help articles, seeded once per slug (an admin's later edits are kept). They are answered
 * in web chat, SMS and Slack and listed on `/help`, so answers are plain text: one paragraph per line,
 * `**bold**` only. `{holdMinutes}`, `{supportEmail}`, `{supportPhone}` and `{brand}` are filled in from
 * the configuration when an article is shown. `keywords` are extra words people use for the question
 * (space separated); `position` orders the articles within their topic (the array keeps that order).
 *
 * Topics match the help page's sections: baggage, check_in, changes, refund, payment, seats, children,
 * assistance, tickets, contact, privacy.
 */
export const FAQ_ARTICLES: readonly FaqArticleInput[] = [
  // Baggage
  {
    slug: 'baggage-allowance',
    topic: 'baggage',
    position: 1,
    question: 'How much baggage can I take?',
    answer: [
      'Every fare includes one cabin bag (up to 8 kg) and one small personal ' +
        'item that fits under the seat in front of you. Checked bags depend on your fare:',
      // Filled from api/domain/baggage.ts, the table fares and bag prices use.
      '{checkedBagAllowance}',
      'Your allowance is shown with each fare before you choose it, and on your e-ticket.',
    ].join('\n'),
    keywords: 'baggage luggage suitcase bags allowance checked included include take bring many kg weight basic fare',
  },
  {
    slug: 'cabin-bags',
    topic: 'baggage',
    position: 2,
    question: 'What can I take in my cabin bag?',
    answer: [
      'You can bring one cabin bag of up to 8 kg and 55 x 40 x 20 cm for the ' +
        'overhead locker, plus one personal item (a handbag, laptop bag or ' +
        'small backpack, up to 40 x 30 x 15 cm) that fits under the seat in ' +
        'front of you.',
      'Liquids, gels and aerosols must be in containers of 100 ml or less, ' +
        'packed together in one clear resealable bag of about 1 litre. ' +
        'Medicines and baby food are allowed in larger amounts.',
      'Power banks, spare lithium batteries and e-cigarettes must stay in ' +
        'the cabin, never in checked bags. If the overhead lockers are full, ' +
        'your cabin bag may be checked in at the gate free of charge.',
    ].join('\n'),
    keywords:
      'cabin hand carry-on bags size dimensions measurements liquids liquid ' +
      '100ml gels aerosols item backpack handbag laptop overhead locker ' +
      'power bank battery',
  },
  {
    slug: 'extra-baggage',
    topic: 'baggage',
    position: 3,
    question: 'How much is an extra checked bag, and can I bring sports equipment?',
    answer: [
      'Yes. Once your booking is paid, say "add a bag" in the chat: you pick the passenger and flight, see the ' +
        'price and pay it by a payment link. An extra checked bag costs, per passenger and flight:',
      '{checkedBagPrices}',
      'Bags over the weight limit pay an overweight charge at the airport, and nothing over 32 kg can travel ' +
        'as baggage. Adding bags before you fly costs less than at the airport.',
      'Sports equipment such as golf clubs, skis, snowboards, bicycles and ' +
        'surfboards travels as a checked bag when it is packed in a case or ' +
        'bag; items larger than 158 cm (length + width + height) pay an ' +
        'oversize charge.',
      'To add sports equipment to a booking, say "talk to an agent" ' +
        'in the chat, or contact {supportEmail} or {supportPhone} with your ' +
        'booking reference.',
    ].join('\n'),
    keywords:
      'extra additional add excess price cost fee overweight oversize heavy golf clubs skis ' +
      'ski snowboard bicycle bike surfboard sports equipment',
  },

  // Check-in and airport
  {
    slug: 'online-check-in',
    topic: 'check_in',
    position: 1,
    question: 'When and how do I check in?',
    answer: [
      'Online check-in opens 24 hours before departure and closes 1 hour ' +
        "before. Check in on the operating airline's website or app with your " +
        'booking reference and last name, then keep your boarding pass on your ' +
        'phone or print it.',
      'Your {brand} e-ticket PDF carries a barcode for each passenger and ' +
        'flight for airport kiosks and bag drops, but it is not a boarding ' +
        'pass. With checked bags, drop them at the bag drop desk; with only a ' +
        'cabin bag, go straight to security.',
    ].join('\n'),
    keywords: 'checkin check-in online web open opens mobile app boarding pass boardingpass',
  },
  {
    slug: 'airport-times',
    topic: 'check_in',
    position: 2,
    question: 'How early should I be at the airport?',
    answer: [
      'Arrive at least 2 hours before departure for short flights within one ' +
        'country or region, and 3 hours before for long-haul and international ' +
        'flights.',
      'Check-in and bag drop desks close 60 minutes before departure and the ' +
        'gate closes 20 minutes before departure; passengers who arrive later ' +
        'may not be allowed to board. Allow extra time at busy periods or if ' +
        'you need special assistance.',
    ].join('\n'),
    keywords: 'early arrive arrival airport hours before departure gate closes close desk security late',
  },

  // Changing a booking
  {
    slug: 'change-flight',
    topic: 'changes',
    position: 1,
    question: 'Can I change my flight?',
    answer: [
      'It depends on your fare:',
      '**Basic**: flights cannot be changed.',
      '**Standard**: you can change the date, time or route for a change fee ' +
        'per passenger (US$75, or the same in the currency you paid in), plus ' +
        'any difference in fare.',
      '**Flex**: changes are free; you only pay any difference in fare.',
      'To change a flight, say "talk to an agent" in the chat, or contact ' +
        '{supportEmail} or {supportPhone} with your booking reference. You can ' +
        'change your seats yourself: say "my booking" in the chat.',
    ].join('\n'),
    keywords: 'change changes fee fees date time day reschedule rebook modify move different later earlier flight',
  },
  {
    slug: 'name-correction',
    topic: 'changes',
    position: 2,
    question: 'A name on my booking is misspelled. How do I correct it?',
    answer: [
      'Every name must match the passport or ID card the passenger travels ' +
        'with. If a name is misspelled (a typo of a few letters, or first and ' +
        'last names swapped), say "talk to an agent" in the chat, or contact ' +
        '{supportEmail} or {supportPhone} with your booking reference: we ' +
        'correct it free of charge on every fare.',
      'A booking cannot be passed to a different person; that needs a new ' +
        "booking, and the old one is cancelled under its fare's rules.",
    ].join('\n'),
    keywords: 'name names change misspelled misspelt spelling spelt typo wrong mistake correct correction fix passport',
  },
  {
    slug: 'fare-families',
    topic: 'changes',
    position: 3,
    question: 'What is the difference between Basic, Standard and Flex?',
    answer: [
      '**Basic**: the lowest price. Cabin bag only, seat choice for a fee, ' +
        'no changes, and no refund of the fare (taxes are refunded).',
      '**Standard**: 1 checked bag, free standard seats, changes for a fee, and a refund minus a fee if you cancel.',
      '**Flex**: 2 checked bags, free standard and preferred seats, free changes, and a full refund if you cancel.',
      'Economy sells all three; Premium Economy and Business sell Standard ' +
        "and Flex; First is always Flex. Each fare's conditions are shown " +
        'before you choose it.',
    ].join('\n'),
    keywords:
      'difference differences compare comparison families family fare fares ' +
      'flex conditions economy premium business first class',
  },
  {
    slug: 'flight-disruption',
    topic: 'changes',
    position: 4,
    question: 'What if my flight is delayed or cancelled?',
    answer: [
      'If your flight is cancelled or its schedule changes a lot, our ' +
        'support team contacts you by email to move you to another flight at ' +
        'no extra cost or to refund you in full, whatever your fare.',
      "For a delay, follow the operating airline's app and the airport " +
        'screens. If a delay will make you miss a connection, or you have not ' +
        'heard from us about a cancelled flight, say "talk to an agent" in the ' +
        'chat or call {supportPhone}.',
    ].join('\n'),
    keywords: 'delay delayed late disruption disrupted cancelled flight schedule missed connection strike weather',
  },

  // Cancellations and refunds
  {
    slug: 'cancel-booking',
    topic: 'refund',
    position: 1,
    question: 'How do I cancel my booking?',
    answer: [
      'Say "cancel my booking" in the chat and give your booking reference ' +
        "and last name. You'll see exactly how much will be refunded before " +
        'anything happens, and the booking is cancelled only when you confirm.',
      'A booking that is held but not yet paid is cancelled at no cost: the ' +
        'seats are simply released. What you get back from a paid booking ' +
        'depends on your fare (see "How much do I get back if I cancel?").',
    ].join('\n'),
    keywords: 'cancel cancellation cancelling trip booking reservation',
  },
  {
    slug: 'refund-rules',
    topic: 'refund',
    position: 2,
    question: 'How much do I get back if I cancel?',
    answer: [
      'It depends on your fare:',
      '**Basic**: the fare is not refunded, but taxes and airport charges are.',
      '**Standard**: the fare is refunded minus a cancellation fee per ' +
        'passenger (US$150, or the same in the currency you paid in). Within ' +
        '24 hours of departure only taxes are refunded.',
      '**Flex**: you get a full refund, seat charges included.',
      'Seat charges are refunded on Flex fares only. If you cancel within 24 ' +
        'hours of booking and the flight leaves at least 7 days after you ' +
        'booked, everything is refunded, whatever the fare. The chat shows the ' +
        'exact amount before you confirm.',
    ].join('\n'),
    keywords: 'refund refunds refundable non-refundable policy rules money back basic fare fee taxes',
  },
  {
    slug: 'free-cancellation-24h',
    topic: 'refund',
    position: 3,
    question: 'Can I cancel for free within 24 hours of booking?',
    answer: [
      'Yes. If you cancel within 24 hours of booking and your first flight ' +
        'departs at least 7 days after you booked, you get everything back, ' +
        'whatever the fare, Basic included.',
      'After 24 hours, or for a booking made less than 7 days before ' +
        "departure, your fare's normal cancellation rules apply.",
    ].join('\n'),
    keywords: 'free 24 hours 24h day within booked changed mind grace period',
  },
  {
    slug: 'refund-timing',
    topic: 'refund',
    position: 4,
    question: 'How long does a refund take?',
    answer: [
      'We send the refund as soon as the cancellation is confirmed, to the ' +
        'card you paid with, and email you the amount. Banks usually show it ' +
        'on your statement within 5 to 10 business days.',
      'If it has not arrived after 10 business days, contact {supportEmail} with your booking reference.',
    ].join('\n'),
    keywords: 'long days weeks arrive received yet statement money',
  },

  // Payment
  {
    slug: 'payment-methods',
    topic: 'payment',
    position: 1,
    question: 'How can I pay?',
    answer: [
      'When your seats are held, we send you a secure payment link. Pay ' +
        'there by credit or debit card (Visa, Mastercard, American Express and ' +
        'other major cards), in the currency of the country your journey ' +
        'starts in. PayPal, bank transfers and cash are not accepted.',
      'Never type your card number into the chat: payments are only taken on ' +
        'the secure payment page, and card numbers sent in a message are ' +
        'removed.',
    ].join('\n'),
    keywords:
      'pay payment method methods card cards credit debit mastercard amex ' +
      'accept currency link safe secure paypal transfer cash',
  },
  {
    slug: 'seat-hold',
    topic: 'payment',
    position: 2,
    question: 'How long are my seats held before I pay?',
    answer: [
      'When you confirm a booking, your seats are held for {holdMinutes} ' +
        'minutes while you pay with the payment link. If you have not paid by ' +
        'then, the hold ends, the seats are released and nothing is charged; ' +
        'you can search and book again (the price may have changed).',
      'Your booking is confirmed and your e-ticket is emailed as soon as the payment goes through.',
    ].join('\n'),
    keywords: 'hold held long minutes expire expires expired time limit before reserve later',
  },
  {
    slug: 'payment-problems',
    topic: 'payment',
    position: 3,
    question: 'My payment did not go through. What can I do?',
    answer: [
      'If your card is declined, check the card number, expiry date and ' +
        'security code, make sure the card allows online payments, or try ' +
        'another card; your bank may also ask you to approve the payment in ' +
        'its app. A failed attempt is not charged, and you can try again on ' +
        'the same payment link while your seats are held.',
      'If money left your account but the booking is not confirmed, do not ' +
        'pay again: contact {supportEmail}. A payment we cannot honour (for ' +
        'example after the hold ended) is refunded automatically.',
    ].join('\n'),
    keywords: 'declined decline rejected failed fail failure error problem charged twice card',
  },
  {
    slug: 'sandbox-payments',
    topic: 'payment',
    position: 4,
    question: 'Is the payment page a sandbox? Which test card can I use?',
    answer: [
      'This {brand} demo uses a sandbox payment page: no real money is ' +
        'taken, so do not use a real card. Pay with the test card 4242 4242 ' +
        '4242 4242 (any future expiry date and any 3-digit code); the test ' +
        'card 4000 0000 0000 0002 is declined, so you can try a failed payment ' +
        'too.',
      'As always, never type a card number into the chat.',
    ].join('\n'),
    keywords: 'sandbox test demo 4242 fake real',
  },

  // Seats
  {
    slug: 'seat-selection',
    topic: 'seats',
    position: 1,
    question: 'Can I choose my seat, and what does it cost?',
    answer: [
      'Yes: after choosing your fare you can pick seats on the seat map, or ' +
        'skip it and we assign seats for free, keeping your party together ' +
        'where a row allows. In Economy:',
      '**Basic**: every seat choice has a charge: about US$12 for a standard ' +
        'seat, US$18 for a preferred seat, US$35 for an exit row seat and ' +
        'US$45 for an extra legroom seat (or the same in your currency).',
      '**Standard**: standard seats are free; other seats are charged.',
      '**Flex**: standard and preferred seats are free; exit row and extra legroom seats are charged.',
      'In Premium Economy, Business and First seat choice is included. Exit ' +
        'rows are for adults only. To change seats later, say "change my seat" ' +
        'in the chat.',
    ].join('\n'),
    keywords: 'seat seats choose choice pick select window aisle exitrow legroom cost price together seatmap',
  },

  // Children and infants
  {
    slug: 'children-and-infants',
    topic: 'children',
    position: 1,
    question: 'Can I travel with children or a baby?',
    answer: [
      'Yes. Children aged 2 to 11 have their own seat and pay 75% of the ' +
        "adult fare. Infants under 2 travel on an adult's lap for 10% of the " +
        'adult fare, with no taxes; each adult can take one lap infant. Ages ' +
        'count on the day of travel, and an infant who turns 2 before the last ' +
        'flight is booked as a child.',
      'Children and infants travel with an adult aged 12 or over on the same ' +
        'booking, up to 9 seated passengers per booking. Children are never ' +
        'seated in exit rows, and we seat a party together where a row allows.',
    ].join('\n'),
    keywords: 'child children kids infant baby babies lap toddler age ages price discount full family travelling',
  },
  {
    slug: 'unaccompanied-minors',
    topic: 'children',
    position: 2,
    question: 'Can a child fly alone?',
    answer: [
      'Not on a {brand} booking: children under 12 must travel with an adult ' +
        'aged 12 or over on the same booking. Young people aged 12 to 17 can ' +
        'book and travel on their own as adult passengers.',
      'Some airlines offer an escort service for younger children; contact ' +
        '{supportEmail} and we will check what the operating airline allows.',
    ].join('\n'),
    keywords: 'alone unaccompanied minor minors solo teenager teen own without parent escort',
  },

  // Special assistance
  {
    slug: 'special-assistance',
    topic: 'assistance',
    position: 1,
    question: 'Can I get special assistance or a wheelchair?',
    answer: [
      'Yes, free of charge. Tell us at least 48 hours before departure: say ' +
        '"talk to an agent" in the chat, or contact {supportEmail} or ' +
        '{supportPhone} with your booking reference and what you need (a ' +
        'wheelchair to and from the aircraft, help with a visual or hearing ' +
        'impairment, your own mobility aid or medical equipment).',
      'We pass your request to the airline and the airports. Arrive in good ' +
        'time and go to the assistance desk. Mobility aids and medical ' +
        'equipment travel free, on top of your baggage allowance.',
    ].join('\n'),
    keywords:
      'special assistance wheelchair disability disabled mobility reduced blind deaf impairment medical oxygen needs',
  },
  {
    slug: 'pets',
    topic: 'assistance',
    position: 2,
    question: 'Can I bring my pet?',
    answer: [
      'Trained assistance dogs travel free in the cabin with their owner; tell us at least 48 hours before departure.',
      'Other pets cannot be booked through {brand} yet: whether a small pet ' +
        'may travel in the cabin or an animal in the hold depends on the ' +
        'operating airline and the countries you fly between. Contact ' +
        '{supportEmail} before you book and we will check for you.',
    ].join('\n'),
    keywords: 'pet pets dog dogs cat cats animal animals guide',
  },

  // Bookings and e-tickets
  {
    slug: 'e-ticket',
    topic: 'tickets',
    position: 1,
    question: 'Where is my e-ticket?',
    answer: [
      'As soon as your payment goes through, we email your confirmation with ' +
        'your e-ticket and receipt attached as a PDF, and a link to download ' +
        "it again. It lists each passenger's ticket number, flights and seats.",
      'You can also say "send me my ticket" in the chat with your booking ' +
        'reference. No email after a few minutes? Check your spam folder, or ' +
        'contact {supportEmail}.',
    ].join('\n'),
    keywords: 'eticket e-ticket ticket tickets pdf email confirmation receipt download resend itinerary received',
  },
  {
    slug: 'manage-booking',
    topic: 'tickets',
    position: 2,
    question: 'How do I find or manage my booking?',
    answer: [
      'Say "my booking" in the chat and give your 6-character booking ' +
        'reference and the last name of a passenger. You can then see the ' +
        'booking, pay for a held booking, change your seats, get your e-ticket ' +
        'or cancel.',
      'Your booking reference is in your confirmation email and on your ' +
        'e-ticket. If you cannot find it, contact {supportEmail}.',
    ].join('\n'),
    keywords: 'booking reference pnr find manage view status lookup reservation lost',
  },
  {
    slug: 'travel-documents',
    topic: 'tickets',
    position: 3,
    question: 'Which travel documents do I need?',
    answer: [
      'Every passenger, children and infants included, needs a valid ' +
        'passport for international flights; for domestic flights a national ' +
        'ID card or other photo ID accepted by the country is usually enough. ' +
        'Your e-ticket PDF is not an identity document.',
      'Some countries also require a visa or an electronic travel ' +
        'authorisation (such as the US ESTA), and some want your passport to ' +
        'be valid for 6 months after your trip. Check the rules of every ' +
        'country you fly to or through before you book: {brand} cannot check ' +
        'them for you.',
    ].join('\n'),
    keywords: 'documents document passport passports visa visas id identity esta eta entry requirements travel',
  },

  // Contact us
  {
    slug: 'contact-support',
    topic: 'contact',
    position: 1,
    question: 'How do I reach a person?',
    answer: [
      'Say "talk to an agent" in the chat at any time: we pass your ' +
        'conversation to our support team with what you have already told us, ' +
        'and an agent replies in the same chat. You can also email ' +
        '{supportEmail} or call {supportPhone}.',
      'Have your booking reference ready. If all our agents are busy, we can follow up by email instead.',
    ].join('\n'),
    keywords:
      'contact support human agent person someone talk speak call phone email customer service representative reach',
  },
  {
    slug: 'complaints',
    topic: 'contact',
    position: 2,
    question: 'How do I make a complaint?',
    answer: [
      'Tell us in the chat what went wrong. We open a support case with a ' +
        'number (case #...) and an agent follows it up; ask "what is the ' +
        'status of my case?" at any time to hear the latest.',
      'You can also email {supportEmail} with your booking reference. When ' +
        'the case is resolved, we ask you to rate the help you got.',
    ].join('\n'),
    keywords: 'complaint complain unhappy disappointed case status feedback',
  },

  // Privacy and your account
  {
    slug: 'privacy',
    topic: 'privacy',
    position: 1,
    question: 'What do you do with my personal data?',
    answer: [
      "We use passengers' names and dates of birth, and your email and phone " +
        'number, only to book and manage your trip, send your tickets and ' +
        'updates, and meet airline and airport rules; the airlines and ' +
        'airports of your trip receive what they need to fly you.',
      'Card details go straight to our payment provider: we never see or ' +
        'store card numbers, and card numbers typed into the chat are removed ' +
        'before anything is stored. To see, correct or delete your data, email ' +
        '{supportEmail}.',
    ].join('\n'),
    keywords: 'privacy personal data gdpr information delete stored store share protect',
  },
  {
    slug: 'email-code',
    topic: 'privacy',
    position: 2,
    question: 'I did not get my email verification code. What can I do?',
    answer: [
      'When you book in the chat we email you a 6-digit code to confirm your ' +
        'address. It can take a minute to arrive: check your spam or junk ' +
        'folder, and that the address you typed is right.',
      'A code is valid for 10 minutes and works once; if it has expired or ' +
        'does not arrive, say "send a new code" (at most 5 codes an hour). ' +
        'Never share the code: {brand} staff will never ask for it.',
    ].join('\n'),
    keywords: 'verification verify code codes one-time 6-digit digits email spam received resend new wrong address',
  },
  {
    slug: 'account',
    topic: 'privacy',
    position: 3,
    question: 'Do I need an account or a password?',
    answer: [
      'No. When you book in the chat we confirm your email address with a ' +
        '6-digit code, and that signs you in: your bookings are kept under ' +
        'that email, with no password to remember.',
      'To look up a booking later, your booking reference and last name are ' +
        'enough. To close your account and delete your data, email ' +
        '{supportEmail}.',
    ].join('\n'),
    keywords: 'account password register registration sign signup login log create',
  },
  {
    slug: 'text-messages',
    topic: 'privacy',
    position: 4,
    question: 'How do I stop text messages?',
    answer: [
      'Reply STOP to any {brand} text and we will not send you any more messages; reply START to subscribe again.',
      "Your confirmation and e-ticket still come by email. Your carrier's standard message rates may apply.",
    ].join('\n'),
    keywords: 'sms text texts texting stop unsubscribe opt out optout start',
  },
];
