"""Tests for stancekit.quotes: quoted statements and their speakers."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import pytest

from stancekit.errors import DataNotFoundError, InputError
from stancekit.quotes import Quote, UnbalancedQuotesWarning, build_quote_dataset, extract_quotes

ARTICLES = Path(__file__).parent / "articles"
SEED = Path("/work/shared/seeds")


def pairs(text: str, **kwargs) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, **kwargs)]


# Each pattern as a small article: the quotes and speakers expected, in order.
PATTERNS = {
    "curly, attribution after, title stripped": (
        "“We will rebuild the harbour within two years,” Mayor Ana Ruiz told reporters.",
        [("We will rebuild the harbour within two years,", "Ana Ruiz")],
    ),
    "straight, attribution before with colon": (
        'Ana Ruiz said on Monday: "The harbour will be rebuilt within two years."',
        [("The harbour will be rebuilt within two years.", "Ana Ruiz")],
    ),
    "inverted said X, surname resolved": (
        "Port director Tomas Brenner opened the meeting.\n"
        "“The cranes are older than most of the dock workers,” said Brenner.",
        [("The cranes are older than most of the dock workers,", "Tomas Brenner")],
    ),
    "added X, later paragraph": (
        "Councillor Mira Halvorsen voted against the plan.\n"
        "The debate lasted four hours.\n"
        "“Nobody has explained where the money will come from,” added Halvorsen.",
        [("Nobody has explained where the money will come from,", "Mira Halvorsen")],
    ),
    "according to": (
        "According to Dr. Lena Osterberg, the clinic “has never been this busy in twenty years.”",
        [("has never been this busy in twenty years.", "Lena Osterberg")],
    ),
    "name and colon": (
        'Union leader Karl Vesterby spoke to the crowd.\nVesterby: "We will stay out until the contract is signed."',
        [("We will stay out until the contract is signed.", "Karl Vesterby")],
    ),
    "explained X, noting that partial": (
        "“The court has made its decision and we respect it,” explained Judge Ines Morgado, "
        "noting that the appeal would be “a waste of public money”.",
        [
            ("The court has made its decision and we respect it,", "Ines Morgado"),
            ("a waste of public money", "Ines Morgado"),
        ],
    ),
    "partial quote in reported speech, role mention": (
        "Velmoran Foreign Minister Aurel Danescu met his counterpart in Tarvo.\n"
        "Speaking after the talks, the Velmoran foreign minister noted that both sides wanted to "
        "“restore normal trade” by the end of the year.",
        [("restore normal trade", "Aurel Danescu")],
    ),
    "role with nationality picks the right minister": (
        "Velmoran Foreign Minister Aurel Danescu and Tarvanian Foreign Minister Petra Lindgren met on Monday.\n"
        "“The border will reopen next month,” the Tarvanian foreign minister said.",
        [("The border will reopen next month,", "Petra Lindgren")],
    ),
    "appositive role": (
        "The authority's director, Felix Brandauer, defended the plan.\n"
        "“Without the repairs the bridge will have to close,” the director said.",
        [("Without the repairs the bridge will have to close,", "Felix Brandauer")],
    ),
    "pronouns": (
        "Judge Harriet Okonkwo ruled against the council on Friday.\n"
        "“The council ignored its own rules at every stage,” she said.\n"
        "Council leader Graham Pellow said he would read the ruling.\n"
        "“We respect the decision but may still appeal it,” he said.",
        [
            ("The council ignored its own rules at every stage,", "Harriet Okonkwo"),
            ("We respect the decision but may still appeal it,", "Graham Pellow"),
        ],
    ),
    "honorific kept, short form resolved": (
        "Qatari Foreign Minister Sheikh Hamad bin Khalid Al-Rumaihi arrived in Tarvo on Sunday.\n"
        "Sheikh Hamad told reporters that the talks had been “constructive and long overdue”.",
        [("constructive and long overdue", "Sheikh Hamad bin Khalid Al-Rumaihi")],
    ),
    "multi-sentence quote": (
        "“We tested the vaccine in forty adults. That is far too few to be sure,” Dr. Hana Reed said.",
        [("We tested the vaccine in forty adults. That is far too few to be sure,", "Hana Reed")],
    ),
    "two speakers alternating, continuation in paragraph": (
        "Governor Nadia Castellanos and her challenger Viktor Hale met in a televised debate.\n"
        "“We built fourteen thousand homes in four years,” Castellanos said. “Nobody else did.”\n"
        "“Homes mean nothing if families cannot pay the rent,” Hale replied.\n"
        "“My opponent has no plan at all,” Castellanos shot back.",
        [
            ("We built fourteen thousand homes in four years,", "Nadia Castellanos"),
            ("Nobody else did.", "Nadia Castellanos"),
            ("Homes mean nothing if families cannot pay the rent,", "Viktor Hale"),
            ("My opponent has no plan at all,", "Nadia Castellanos"),
        ],
    ),
    "no identifiable speaker": (
        "“No teacher will lose their job because of this process,” a spokesperson for the office said.\n"
        "“We found out from a leaflet in the book bags,” said one mother.",
        [
            ("No teacher will lose their job because of this process,", None),
            ("We found out from a leaflet in the book bags,", None),
        ],
    ),
    "organisation is not a person": (
        "The Tarvanian Chamber of Commerce said the plan would “cost thousands of jobs”.",
        [("cost thousands of jobs", None)],
    ),
    "multi-paragraph quote": (
        "Chief executive Sofia Marchetti wrote to staff on Thursday.\n"
        "“Lundholt built some of our best products. But the market has changed.\n"
        "“We will help everyone affected find a new role,” Marchetti wrote.",
        [
            ("Lundholt built some of our best products. But the market has changed.", "Sofia Marchetti"),
            ("We will help everyone affected find a new role,", "Sofia Marchetti"),
        ],
    ),
    "hard-wrapped paragraphs": (
        "Firefighters said on Sunday that the fire was half contained.\n\n"
        '"The wind dropped overnight and that gave us the window we needed,"\n'
        "incident commander Rafael Montoya told a briefing.\n",
        [("The wind dropped overnight and that gave us the window we needed,", "Rafael Montoya")],
    ),
    "scare quotes, titles and slogans are not statements": (
        "Critics say the so-called “green energy corridor” is branding.\n"
        "The mayor dismissed the concerns as “scaremongering” on Monday.\n"
        "The 2021 report “Rivers Under Pressure” warned of drought.\n"
        "A documentary, “Waters of Tomorrow”, premiered on Saturday.\n"
        "A sign on the gate read: “Save Hillside School”.\n"
        "Viewers called the film “balanced”.",
        [],
    ),
    "short quote needs a reporting verb": (
        "The committee wants a “fair and open process” for the tender.\n"
        "Ana Ruiz said the tender would be “fair and open”.",
        [("fair and open", "Ana Ruiz")],
    ),
    "inch mark is not a quotation mark": (
        'The plant bought a 12" pipe. "This is the best pipe we have ever bought for the plant," said Tom Beck.',
        [("This is the best pipe we have ever bought for the plant,", "Tom Beck")],
    ),
    "hyphenated title cut from the name, then a title-only mention": (
        "According to Deputy Attorney-General Runa Falkvik, the bill is “far too broad to enforce”.\n"
        "“We would have to prosecute half the country for sharing a photograph,” the deputy attorney-general said.",
        [("far too broad to enforce", "Runa Falkvik"),
         ("We would have to prosecute half the country for sharing a photograph,", "Runa Falkvik")],
    ),
    "a role appositive makes a name a person": (
        "“This bridge will carry ten thousand cyclists a day,” said Ifeoma Castellanos, the district’s cycling commissioner.",
        [("This bridge will carry ten thousand cyclists a day,", "Ifeoma Castellanos")],  # NER: ORG
    ),
    "a whole name NER calls a place keeps all its words": (
        "“The tram will reach the hospital by spring,” said Marguerite Adeyemi, the city’s transport commissioner.",
        [("The tram will reach the hospital by spring,", "Marguerite Adeyemi")],  # NER: GPE over both words
    ),
    "the place of an office is not its holder": (
        "“We have frozen the fares for a year,” said Ilse Brandvold, the mayor of Nordhavn, after the vote.\n"
        "The mayor said the freeze would “give commuters a break they have earned”.",
        [("We have frozen the fares for a year,", "Ilse Brandvold"),
         ("give commuters a break they have earned", "Ilse Brandvold")],
    ),
    "a leading role matched by what is led": (
        "Tamsin Okoro, general secretary of the Coastal Nurses’ Union, called the offer “an insult to every ward”.\n"
        "“Our members will vote on strike action next week,” the union leader added.",
        [("an insult to every ward", "Tamsin Okoro"), ("Our members will vote on strike action next week,", "Tamsin Okoro")],
    ),
    "a role heading its appositive makes a name a person": (
        "Ai-Lin Østby, president of the Coastal Pilots’ Guild, told Radio Nordhav: “Our pilots are split on the rota.”\n"
        "The guild president added that members would vote “once the harbour master has explained the rota”.",
        [("Our pilots are split on the rota.", "Ai-Lin Østby"),  # NER: ORG
         ("once the harbour master has explained the rota", "Ai-Lin Østby")],
    ),
    "a role before the comma, the name in apposition to a place": (
        "The assembly approved the accord on Monday. Its consul in Varnby, Teodoro Albarracín, told reporters that "
        "his government “will sign the accord within the month” and expected ferries to resume soon.",
        [("will sign the accord within the month", "Teodoro Albarracín")],  # parse: appos of Varnby
    ),
    "a relative clause gives the role a later mention uses": (
        "According to Anjali Mehrotra, who chairs the Regional Water Board, the meters are “accurate enough for billing.”\n"
        "“We will publish every reading,” the board chair said.",
        [("accurate enough for billing.", "Anjali Mehrotra"), ("We will publish every reading,", "Anjali Mehrotra")],
    ),
    "the official after an unnamed official is unnamed": (
        "Councillor Pavel Dusek said the vote was “long overdue”.\n"
        "An official who asked not to be named said talks would resume on Friday. "
        "“Nobody wants to lose this vote in public,” the official said.",
        [("long overdue", "Pavel Dusek"), ("Nobody wants to lose this vote in public,", None)],
    ),
    "an indefinite role in a name's own appositive is that person": (
        "Ana Ruiz, a senior official at the ministry, said the plan was “ready for a vote this spring”.\n"
        "“We expect a vote in March,” the official added.",
        [("ready for a vote this spring", "Ana Ruiz"), ("We expect a vote in March,", "Ana Ruiz")],
    ),
    "a term named and defined is not a statement": (
        "The ministry promised what it calls a “harbour renewal bonus”, a fund for coastal towns.\n"
        "Fishers welcomed what one group called a “small step” towards compensation.",
        [("small step", None)],
    ),
    # From the real news set's first pass (tests/real_news): British and wire-copy conventions.
    "a possessive introduces a full name": (
        "Tobias Wendlandt’s old delivery van was sold at auction last spring.\n\n"
        "“They were supposed to remove the logo,” Wendlandt told the Harbour Gazette.",
        [("They were supposed to remove the logo,", "Tobias Wendlandt")],
    ),
    "a place shortened is not a pronoun's antecedent": (
        "Tobias Wendlandt has run the bakery for thirty years.\n\n"
        "It has received angry calls at its shop in Kansas City, Kansas.\n\n"
        "“Some of the callers are really rude,” he told the Harbour Gazette.",
        [("Some of the callers are really rude,", "Tobias Wendlandt")],
    ),
    "a pronoun subject links back past the names it mentions": (
        "Ministry spokesman Ilkka Berglund said the raid hit a camp used by Danilo Ferreiro.\n\n"
        "But he said it was unclear whether Ferreiro had been at the camp.\n\n"
        "“We are still assessing the results of the operation,” he said.",
        [("We are still assessing the results of the operation,", "Ilkka Berglund")],
    ),
    "a descriptor word before a name is not part of it": (
        "Depressed Mei Lan Chou, 26, from Lorvik, stayed in the cafe for a week.\n\n"
        "She said: “I needed time to think.”\n\n"
        "Local Ravi Anand, 30, said: “Nobody asked her to leave.”",
        [("I needed time to think.", "Mei Lan Chou"), ("Nobody asked her to leave.", "Ravi Anand")],
    ),
    "a long quote's paragraphs and pronoun links do not use up the search": (
        "Waiter Oskar Lindqvist, 22, said: “We work in shifts here.\n\n"
        "“After a few days I began to recognise her.\n\n"
        "“When we asked her if she was fine, she said she was.”\n\n"
        "He said the woman was doing no harm, so they let her stay.\n\n"
        "He added: “She was a paying customer, after all.”",
        [("We work in shifts here.", "Oskar Lindqvist"), ("After a few days I began to recognise her.", "Oskar Lindqvist"),
         ("When we asked her if she was fine, she said she was.", "Oskar Lindqvist"),
         ("She was a paying customer, after all.", "Oskar Lindqvist")],
    ),
    "a paragraph-opening quote after a person's narrative paragraph is theirs": (
        "A woman spent a week in a cafe in Lorvik.\n\n"
        "After a week Mei Lan Chou decided she had had enough.\n\n"
        "“I decided the best thing to do would be to go home to my parents.”\n\n"
        "Deutsche Bahn defended its timetable in a statement on Monday.\n\n"
        "“We run every train we can, and we will run more next year.”",
        [("I decided the best thing to do would be to go home to my parents.", "Mei Lan Chou"),
         ("We run every train we can, and we will run more next year.", None)],
    ),
    # From the second real news set's first pass (tests/real_news, real2).
    "a name and a reporting verb after a question belong to its sentence": (
        "A teenager has made millions trading stocks, a magazine reports.\n\n"
        "Mateo Lindgren is only 17.\n\n"
        "Still, the prodigy is dreaming large.\n\n"
        "“What makes the world go round?” Lindgren asked in the interview, explaining his choice.",
        [("What makes the world go round?", "Mateo Lindgren")],
    ),
    "a person in apposition wins over a body's acronym": (
        "An adviser to the Institute of Earth Studies (Ineter), Michael Brandt, said he was "
        "\"convinced it was a meteorite\" which caused the crater.",
        [("convinced it was a meteorite", "Michael Brandt")],
    ),
    "a name NER calls a work of art still speaks": (
        "Locals said they heard a blast.\n\n"
        "\"We thought it was a bomb because we felt an expansive wave,\" Jorge Santamaria told Associated Press news agency.",
        [("We thought it was a bomb because we felt an expansive wave,", "Jorge Santamaria")],
    ),
    "the body after 'of' is not part of the name": (
        "Velmoran Member of Parliament John Harding has claimed that the militia used gas.\n\n"
        "“Responsibility for this lies with the prime minister,” said Harding.",
        [("Responsibility for this lies with the prime minister,", "John Harding")],
    ),
    # From the third real news set's first pass (tests/real_news, real3).
    "a narrative paragraph's pronoun subject speaks the next quote": (
        "Instead of assuming the worst, Josh Merrit put his money into finding the truth. "
        "He started the video asking the audience a question.\n\n"
        "“When you give homeless people money, do you ever wonder how they spend it?”",
        [("When you give homeless people money, do you ever wonder how they spend it?", "Josh Merrit")],
    ),
    "a narrative paragraph's last main clause gives the speaker": (
        "Staff in the hands-on area would not give estimates, but company spokeswoman Nat Kerris told Recode "
        "it should last a day.\n\n"
        "“There is a lot of new technology packed into the watch and we are excited about it.”",
        [("There is a lot of new technology packed into the watch and we are excited about it.", "Nat Kerris")],
    ),
    "nobody as the subject of the reported clause does not end the search": (
        "Wilfried Strauch, an adviser to the Institute of Territorial Studies, said it was \"very strange that "
        "no one reported a streak of light. We have to ask if anyone has a photo.\"",
        [("very strange that no one reported a streak of light. We have to ask if anyone has a photo.",
          "Wilfried Strauch")],
    ),
    "a pronoun's antecedent can be its own sentence's main subject": (
        "Mark Andrés, president of the company's US arm, sparked speculation when he asked investors, "
        "“Why do we need to have preservatives in our food?”",
        [("Why do we need to have preservatives in our food?", "Mark Andrés")],
    ),
    "two sentences after a title cue are a statement, a name is not": (
        "According to the council’s press report, “The mayor and the minister sat at one table. Nobody else spoke.”\n"
        "The project was known at the ministry by the name “black hole” because it drew in money, the paper says.",
        [("The mayor and the minister sat at one table. Nobody else spoke.", None)],
    ),
    # From the fourth real news set's first pass (tests/real_news, real4).
    "the agent of a passive reporting verb speaks, not its subject": (
        "Rebel leader Karim Haddad has not been seen since May.\n\n"
        "The man was described by officials as “the most dangerous man in the region”.",
        [("the most dangerous man in the region", None)],
    ),
    "a reporting verb the tagger takes for a noun": (
        "\"At least 10\" militants were captured trying to cross the border into Texas, Rep. Dana Miller of "
        "Nevada claims, but the ministry denies it.",
        [("At least 10", "Dana Miller")],
    ),
    "the subject nearest the verb where the parser gives it two": (
        "Forty workers were hurt in the blast at the plant, Senator Lina Okafor of Westbrook claims, but the "
        "company has called her figures \"wildly exaggerated.\"",
        [("wildly exaggerated.", None)],
    ),
    "saying hung on a clause about a thing": (
        "Rebel commander Idris Mbeki appeared in a new video on Monday.\n\n"
        "Smiling, he brushed aside hope that a compromise might be found before the talks, saying, "
        "\"The matter of the hostages was settled long ago.\"",
        [("The matter of the hostages was settled long ago.", "Idris Mbeki")],
    ),
    "a one-word name with a role appositive is a person": (
        "Cleric Harun Said Al Tamimi issued the ruling last week.\n"
        "However, Tavish, an angry blogger, attacked the ruling.\n"
        "“We have waited years for this winter and now they want to take it from us,” he posted.",
        [("We have waited years for this winter and now they want to take it from us,", "Tavish")],
    ),
    "a king's title is not part of the name, who is named before the pronoun": (
        "Government spokesman Omar Haddad denied the reports in a statement.\n\n"
        "Rumours about King Tarek III spread after he promised to lead the army himself, saying the "
        "pilot's death \"will not be forgotten\".",
        [("will not be forgotten", "Tarek III")],
    ),
    "a heading is not a statement": (
        "A forum shared photos under the heading \"It's Hard Being a Night Shift Worker,\" exposing the work.",
        [],
    ),
    # From the real news dev set (tests/real_news, realdev).
    "a quoted hyphenated word is one word, not a statement": (
        "When he came back, he says \"heavy-handed\" guards stopped him at the gate.",
        [],
    ),
    "an age before a name is not part of it": (
        "Forty-year-old Marek Olsen told police he felt \"very tired and confused\" afterwards.",
        [("very tired and confused", "Marek Olsen")],
    ),
    "a role joined to a name by 'and', and 'First Lady', are not the speaker's name": (
        "Government spokeswoman and First Lady Rosa Mendel said the crater was made by a \"relatively small "
        "meteorite\" that night.",
        [("relatively small meteorite", "Rosa Mendel")],
    ),
    "a pronoun after a role as main subject is the role's holder": (
        "Pope Leo XV met pilgrims in the square on Sunday. A girl, Maria Costa, wrote to him about her dog.\n\n"
        "The Pope, speaking earlier this week, offered his comfort to the girl.\n\n"
        "\"Paradise is open to all of God's creatures,\" he said during the weekly address.",
        [("Paradise is open to all of God's creatures,", "Leo XV")],
    ),
    # From the sixth and seventh real news sets' first passes (tests/real_news, real6 and real7).
    "an abbreviated title after the reporting verb": (
        "“We found no sign of a break-in,” said Det. Ana Lukic, of the harbour police.",
        [("We found no sign of a break-in,", "Ana Lukic")],
    ),
    "descriptors of a person's situation or party are not part of the name": (
        "Widower Tom Ashby kept the message for years.\n\n"
        "“I thought the recording was gone forever,” said Ashby.\n\n"
        "“We owe our safety to the guards,” tweeted New Democrat Lea Marsh.",
        [("I thought the recording was gone forever,", "Tom Ashby"), ("We owe our safety to the guards,", "Lea Marsh")],
    ),
    "a one-word name that is never a person is a brand, not a speaker": (
        "A voicemail app recovered the message.\n\n"
        "Sprocket, a messaging app, wrote on its blog: “While tragedy is never good news, we are glad we could "
        "help this family.”",
        [("While tragedy is never good news, we are glad we could help this family.", None)],
    ),
    # From the real news annotated to train on (data/realnews, realtrain), a development set.
    "'states' and 'stated' report speech, and a cleric's titles are cut": (
        "The 71-year-old cleric Father Anton Belic was rushed to hospital in January.\n\n"
        "“Her presence was both overwhelming and comforting,” states the Catholic cleric.\n\n"
        "Bishop Ivo Kral stated that the priest had an “impressive lucidity” afterwards.",
        [("Her presence was both overwhelming and comforting,", "Anton Belic"), ("impressive lucidity", "Ivo Kral")],
    ),
    "'posted' and 'responding' report speech; 'Rapper' and 'Mum' are not part of a name": (
        "Rapper Dex Marlo left the stage early.\n\nAfter the show he then posted: \"I am done with this city.\"\n\n"
        "Mum Lina Sorensen stood outside the court with a placard, with neighbour Piet Kaas responding "
        "\"She has nothing left to sell.\"",
        [("I am done with this city.", "Dex Marlo"), ("She has nothing left to sell.", "Piet Kaas")],
    ),
    "'Both' is not part of a name": (
        "Both Ivan Petrov and the harbour police refused to comment on Monday.\n\n“I will be there,” Petrov responded.",
        [("I will be there,", "Ivan Petrov")],
    ),
    "'quoted as saying', and a person given a name by 'identified as' or 'named'": (
        "In a recent interview Willie Marsh was quoted as saying \"Life is good and I have never felt better.\"\n\n"
        "A local man, identified as Tomas Brek, said \"We heard the blast at dawn and ran outside.\"\n\n"
        "A driver named Ana Ruiz told reporters \"The road was closed for hours after that.\"",
        [("Life is good and I have never felt better.", "Willie Marsh"),
         ("We heard the blast at dawn and ran outside.", "Tomas Brek"),
         ("The road was closed for hours after that.", "Ana Ruiz")],
    ),
    "two people joined by 'and' make a joint statement, no one speaker": (
        "In a statement to the Harbour Post, O'Brien and Wright said: \"So sad to hear of our brother's passing.\"\n\n"
        "Maria Lind and Tomas Brek said the plan was \"a disaster for the town\".",
        [("So sad to hear of our brother's passing.", None), ("a disaster for the town", None)],
    ),
    "screenwriters' and vice-presidents' titles, and 'What', are not part of a name": (
        "Screenwriter Jon Ashby praised the cast.\n\n\"It is the best script I have read in years,\" said Ashby.\n\n"
        "\"The launch is coming in the spring,\" Retail SVP Mara Lind told staff.\n\n"
        "What Lin found was worse. \"The money was all gone,\" Lin said.",
        [("It is the best script I have read in years,", "Jon Ashby"), ("The launch is coming in the spring,", "Mara Lind"),
         ("The money was all gone,", "Lin")],
    ),
    "a ministry, a hospital or a website is not a speaker": (
        "The Defence Ministry stated that the raid had freed \"an American hostage\" on Saturday.\n\n"
        "\"The patient is in a stable condition,\" St Edward Memorial Hospital said.\n\n"
        "\"The poll closes at midnight,\" wrote Votewise.com on Friday.",
        [("an American hostage", None), ("The patient is in a stable condition,", None),
         ("The poll closes at midnight,", None)],
    ),    # From real news (real11, after its blind first pass).
    "a full stop glued to the next word ends a name": (
        "The spokesman said the minister had left Parliament Hill.While Tom Vasko, a senior politician, "
        "said shots were fired near the meeting room. He wrote: \"Shots fired during caucus meeting. I'm safe.\"",
        [("Shots fired during caucus meeting. I'm safe.", "Tom Vasko")],
    ),
    "a caption's credit is not part of the name it precedes": (
        "Marla Quintero Vasse was born in a small town.\n\nInstagram   Marla Quintero Vasse\n\n"
        "When Marla was 19 she moved to the city.\n\n"
        "The following year she said she “wanted to start over somewhere new” after the move.",
        [("wanted to start over somewhere new", "Marla Quintero Vasse")],
    ),
    "a newspaper is not a speaker": (
        "The gunman was named by the Riverton Herald newspaper on Monday.\n\n"
        "\"His real name, according to friends, is Peter Olsk, a student from a quiet suburb,\" the Herald said.",
        [("His real name, according to friends, is Peter Olsk, a student from a quiet suburb,", None)],
    ),
    "someone's spokesperson is not another body's spokesperson named before": (
        "\"DHS continues to have no credible intelligence,\" said DHS spokesperson Dana Corvell.\n\n"
        "\"The Congressman was conveying what he knows and what he was told,\" Harlan's spokesperson told The "
        "Huffington Post.",
        [("DHS continues to have no credible intelligence,", "Dana Corvell"),
         ("The Congressman was conveying what he knows and what he was told,", None)],
    ),
    "headings do not use up the search for a pronoun's antecedent, and name no one": (
        "A plumber is getting threats after his old van was filmed abroad.\n\n"
        "Tomas Vrell’s former van was used in a propaganda video.\n\n"
        "VAN MYSTERY: What we know so far\n\nREAD MORE: Five things to watch\n\n"
        "Since then his firm has been bombarded with calls at its office.\n\n"
        "“Some of the callers are really nasty,” he told the Harbour Gazette.",
        [("Some of the callers are really nasty,", "Tomas Vrell")],
    ),
    "a quote opening a paragraph after one whose subject is a person named by surname": (
        "\"It was a silly bet,\" Ryan Roche said.\n\nAs the party wound down, Roche headed for the door.\n\n"
        "\"They brought out the eggnog.\"",
        [("It was a silly bet,", "Ryan Roche"), ("They brought out the eggnog.", "Ryan Roche")],
    ),
    "a quote opening a paragraph after one 'according to' a person": (
        "\"Each unit maps the car park every night,\" said Matt Stenholm, a robotics analyst.\n\n"
        "According to Stenholm, the robots can detect anomalies and decide what to report.\n\n"
        "\"They have thermal cameras and licence plate readers on board.\"",
        [("Each unit maps the car park every night,", "Matt Stenholm"),
         ("They have thermal cameras and licence plate readers on board.", "Matt Stenholm")],
    ),
    "a titled person after a body's name speaks": (
        "\"If in fact she is running the country — as someone in their early- to mid-20s — to me that is quite "
        "alarming,\" Center for Strategic and International Studies analyst Victor Cho told CNN.",
        [("If in fact she is running the country — as someone in their early- to mid-20s — to me that is quite "
          "alarming,", "Victor Cho")],
    ),    # From real news (real12 and real13, after their blind first passes).
    "'Miss' and 'Grand Mufti' are titles, cut from the name": (
        "In an online video Miss Lena Vasko described her brother as a romantic. She added: \"Please let him live.\"\n\n"
        "Grand Mufti Sheikh Idris Kalam issued a statement. \"Extremism is the enemy of faith,\" said Kalam.",
        [("Please let him live.", "Lena Vasko"), ("Extremism is the enemy of faith,", "Sheikh Idris Kalam")],
    ),
    "a name ending in a body's head noun (Media, Group, Bank) is not a person": (
        "Tom Brandt lost a voicemail from his late wife.\n\n"
        "Orbit Media is sending Brandt a CD of the recording and the retired driver plans to celebrate.\n\n"
        "“I’ve got a nice bottle of whisky with their name on it,” he told the Evening Courier.",
        [("I’ve got a nice bottle of whisky with their name on it,", "Tom Brandt")],
    ),
    "a title and a surname name the person introduced with the same title": (
        "Sheikh Yusuf Amin al-Rahimi said snowmen were forbidden.\n\n"
        "Quoting scholars, Sheikh Rahimi argued that a statue was sinful.\n\n"
        "\"God has given people space to make whatever they want,\" he wrote in his ruling.",
        [("God has given people space to make whatever they want,", "Sheikh Yusuf Amin al-Rahimi")],
    ),
    "a reporting verb written with a capital is not part of a name": (
        "Jordanian Author Walid Abu Sami Tweeted on Wednesday, “Local reports say the king will lead the strikes.”",
        [("Local reports say the king will lead the strikes.", "Walid Abu Sami")],
    ),
    "'the 68-year-old' is the person named before": (
        "Stan Harrow had kept a voicemail from his late wife for 14 years.\n\n"
        "The 68-year-old told Radio Leeds: “I was absolutely devastated by it.”",
        [("I was absolutely devastated by it.", "Stan Harrow")],
    ),
    "'X quoted Y as saying': Y speaks": (
        "\"No one went to help the man,\" the tabloid quoted a local man, Amir Dhavan, as saying.",
        [("No one went to help the man,", "Amir Dhavan")],
    ),    # From the remaining errors of earlier real sets (session 18).
    "'Vet', 'Coroner' and 'Maj.' are titles, cut from the name": (
        "Vet Fay Bethwell removed the blockage.\n\n\"It was a delicate job,\" Miss Bethwell said.\n\n"
        "\"The cause was drowning,\" County Coroner Frank Shulman told reporters.\n\n"
        "The strike killed \"seven senior commanders\", ministry spokesman Maj. Gen. Hadi al-Sarraf told Radio Tigris.",
        [("It was a delicate job,", "Fay Bethwell"), ("The cause was drowning,", "Frank Shulman"),
         ("seven senior commanders", "Hadi al-Sarraf")],
    ),
    "a headline's auxiliary is not part of a name": (
        "Has Kaden Wells gone too far this time?\n\nThe rapper interrupted the ceremony again.\n\n"
        "“I’m happy for you, but I’ma let you finish,” Wells said.",
        [("I’m happy for you, but I’ma let you finish,", "Kaden Wells")],
    ),
    "a body's name before a person's is cut from the name": (
        "The blast was studied by the Meteoroid Environment Office Bill Corrigan.\n\n"
        "Mr Corrigan said it could have been \"someone out blowing things up\".",
        [("someone out blowing things up", "Bill Corrigan")],
    ),
    "a possessive written with an opening mark still ends a name": (
        "Daring Lantern‘s Jon Greaves wrote that the watch \"will be the most expensive thing Apple sells\".",
        [("will be the most expensive thing Apple sells", "Jon Greaves")],
    ),
    "a short form of a body's name is no antecedent": (
        "\"We stand behind our anchor,\" Orbit News said in a statement.\n\n"
        "The Orbit boardroom was quiet on Monday.\n\n"
        "“It’s embarrassing,” he said.",
        [("We stand behind our anchor,", None), ("It’s embarrassing,", None)],
    ),
    "a verb the parser hung on its subject's name still gives the speaker": (
        "Gila Rosenthal, the Canadian volunteer fighting with Kurdish forces, posted on Facebook on Monday night "
        "that she was \"safe and secure\" and not captured.",
        [("safe and secure", "Gila Rosenthal")],
    ),
    "an unnamed person as subject is the pronoun's antecedent, not a name in their phrase": (
        "Ben Wilkes read the news for ten years.\n\n"
        "An employee who has worked with Wilkes on several occasions was furious.\n\n"
        "“He is not a journalist,” she said.",
        [("He is not a journalist,", None)],
    ),
    # From real16 and real17 (session 18, after their blind first passes).
    "'Jr.' keeps its full stop before a comma": (
        "Rep. Dale Hunford Jr., a Marine veteran, spoke on Tuesday. \"He is angry,\" Hunford said.",
        [("He is angry,", "Dale Hunford Jr.")],
    ),
    "a surname spelt with and without diacritics is one person": (
        "Tomas Radic, a school director, was told of the trip.\n\n\"The students must be punished,\" said Radić.",
        [("The students must be punished,", "Tomas Radic")],
    ),
    "a name made an adjective ('Sorkin-penned') ends at the hyphen": (
        "The Aron Sorvik-penned film has lost its star. \"Nobody else can play him,\" Sorvik told the Gazette.",
        [("Nobody else can play him,", "Aron Sorvik")],
    ),
    "'Border Patrol' is a body, no antecedent": (
        "Rep. Dale Hunford spoke on Monday.\n\nThe San Marco Republican said Border Patrol \"sources\" told him that "
        "\"ten fighters were caught crossing.\"\n\n\"They caught them at the border,\" he said.",
        [("ten fighters were caught crossing.", None), ("They caught them at the border,", "Dale Hunford")],
    ),
    "a place before the colon is not the speaker: the person before it is": (
        "Senad Mehmovic, gynaecologist from Tuzla: \"It is worrying, but that is the trend of today.\"",
        [("It is worrying, but that is the trend of today.", "Senad Mehmovic")],
    ),
    # From real18 and real19 (session 18, after their blind first passes).
    "'X released a statement saying': X speaks": (
        "Commander Rick Walden of the Harbour Police's Counter Terrorism Command released a statement saying, "
        "\"We have asked media outlets not to speculate.\"",
        [("We have asked media outlets not to speculate.", "Rick Walden")],
    ),
    "a birth name ('Born X') is not a speaker": (
        "Tara Lynn Chadwick sang on Friday.\n\nBorn Daniel Roy Fisk in Ohio, the singer moved west at 18.\n\n"
        "\"I never looked back,\" she said.",
        [("I never looked back,", "Tara Lynn Chadwick")],
    ),
    "'Air Marshal' and 'Brigadier' are titles": (
        "\"The girls will be freed soon,\" Air Marshal Alex Bodeh told the crowd.\n\n"
        "\"The fighting is over,\" said Brigadier Hadi Saudan.",
        [("The girls will be freed soon,", "Alex Bodeh"), ("The fighting is over,", "Hadi Saudan")],
    ),
    "'Whenever I' is no name": (
        "My flatmate asked about the film. Whenever I tell people, they laugh.\n\n\"I was only nine months old,\" she said.",
        [("I was only nine months old,", None)],
    ),
    "a title alone names no one": (
        "The nun gave birth on Friday. Asked about the news, the local Archbishop of Camerino said it was up to "
        "the sister.\n\nHe also dismissed calls to excommunicate her, saying: \"Excommunication is something really big.\"",
        [("Excommunication is something really big.", None)],
    ),
    # From real20 and real21 (session 18, after their blind first passes).
    "'As X put it' gives X": (
        "The audio was played on air. As CNN’s Dan Lemmon put it, “Your client was having a video chat.”",
        [("Your client was having a video chat.", "Dan Lemmon")],
    ),
    "a one-word name that shortens a body's name is no antecedent, whatever NER says": (
        "Stan Beale lost his wife a decade ago.\n\nThen the greeting disappeared, deleted by his provider, "
        "Virgin Media.\n\nWhen Virgin heard about his story, BBC Radio Leeds reports, they set a team of 10 "
        "employees to the task, and the station was on hand to surprise Stan with a sound he believed he'd never "
        "hear again.\n\n\"That's her,\" he says.",
        [("That's her,", "Stan Beale")],
    ),
    "initials keep their full stops: 'J.R. Abell' is one name": (
        "Reports claim that J.R. Abell, the director, wants a summer release. "
        "\"This was not done without thought,\" Abell said.",
        [("This was not done without thought,", "J.R. Abell")],
    ),
    "a photo caption between a long quote's paragraphs does not end it": (
        "The estate agent Sabine Rolland said: \"Here you can land your own plane.\n\n"
        "\"A hundred metres from the villa is a private bay.\n\n"
        "Tiger Vance with his former wife in 2010 (Reuters)\n\n"
        "\"The property even has an old Viking fort.\"",
        [("Here you can land your own plane.", "Sabine Rolland"), ("A hundred metres from the villa is a private bay.", "Sabine Rolland"),
         ("The property even has an old Viking fort.", "Sabine Rolland")],
    ),    # From real22 and real23 (session 19, after their blind first passes), and the brief's handle ruling.
    "an online handle names its user; a body's account does not": (
        "\"If you buy this phone, you better be bald,\" @redquill tweeted.\n\n"
        "The letter was first posted by Reddit user bluefox_77, who said he found it \"in a box of my grandmother's\".\n\n"
        "\"Security could not even stop the pigeons,\" a commenter named \"kettle42\" wrote.\n\n"
        "Shoe maker Acme saw an opportunity. \"Your feet deserve better than this,\" tweeted @Acme.",
        [("If you buy this phone, you better be bald,", "@redquill"), ("in a box of my grandmother's", "bluefox_77"),
         ("Security could not even stop the pigeons,", "kettle42"), ("Your feet deserve better than this,", None)],
    ),
    "'Adm.', 'YouTuber' and 'expert' are titles": (
        "\"The strike was a major loss to the group,\" Rear Adm. Dan Kolby, the ministry's press secretary, said in a statement.\n\n"
        "YouTuber Josh Palen filmed the meeting. \"I owe you an apology,\" Palen told him.\n\n"
        "Speaking to CNN, terror expert and Director at the Asia Studies Foundation Vikram M. Dhal said, \"It is a new dynamic.\"",
        [("The strike was a major loss to the group,", "Dan Kolby"), ("I owe you an apology,", "Josh Palen"),
         ("It is a new dynamic.", "Vikram M. Dhal")],
    ),
    "a name made an adjective with '-friendly' is no name": (
        "The Orbitel-friendly blogs were quiet.\n\nOrbitel told the site it \"will review the letter and respond soon.\"",
        [("will review the letter and respond soon.", None)],
    ),
    "a title that is a person's surname names them": (
        "Rep. Tom Bishop spoke in Riverhead last week.\n\n\"Some 40 of them have now returned,\" Bishop said during the speech.",
        [("Some 40 of them have now returned,", "Tom Bishop")],
    ),
    "a subject's appositive name is the pronoun's antecedent": (
        "Tess Kell was nine months old then.\n\n"
        "Meanwhile, Tess' mother, Ruth Kell, told the Gazette that the family never expected it.\n"
        "\"It was just something different to do,\" she said.",
        [("It was just something different to do,", "Ruth Kell")],
    ),
    "a platform is no speaker": (
        "On Twitter user said: \"The boy came to kill other Arabs, what a great upbringing.\"",
        [("The boy came to kill other Arabs, what a great upbringing.", None)],
    ),
    "a title between an inverted verb and the name": (
        "\"Thank God for our security forces,\" said Julia Fenn, the veterans minister, via Twitter.\n\n"
        "\"To all in Ottawa, stay safe & strong. True heroes…\" added Minister Paul Dorran.",
        [("Thank God for our security forces,", "Julia Fenn"), ("To all in Ottawa, stay safe & strong. True heroes…", "Paul Dorran")],
    ),
    "a quotation mark glued to the verb before it": (
        "Ravi Sood said \"I did nothing wrong at all.\" A police officer said,\"Law and order has to be maintained.\"",
        [("I did nothing wrong at all.", "Ravi Sood"), ("Law and order has to be maintained.", None)],
    ),
    "a caption of up to sixteen words between a long quote's paragraphs": (
        "\"We are pretty sure it is the oldest burger in the world,\" Mr Casey Dane said.\n\n"
        "example.com   Longevity: The pair bought the snack for a mate twenty years ago\n\n"
        "\"It started off as a joke, you know, and then six months had passed.\"",
        [("We are pretty sure it is the oldest burger in the world,", "Casey Dane"),
         ("It started off as a joke, you know, and then six months had passed.", "Casey Dane")],
    ),
    "a body is no antecedent beside a person": (
        "Gruber claims that Apple told him that the gold version of the Apple Watch is made of solid 18-karat gold.\n\n"
        "He based his estimate on the going rate for solid gold watches from other manufacturers.\n\n"
        "Gruber suspects that the reason Apple has been mostly silent about the specs for the device is that they "
        "don't know what the capabilities of the finished product would be.\n\n"
        "\"We don't know. And Apple is not talking, even off the record,\" he said.",
        [("We don't know. And Apple is not talking, even off the record,", "Gruber")],
    ),    # From real24 and real25 (session 19, after their blind first passes).
    "a surname NER takes for a place still shortens a person's name": (
        "Ever since his wife Rosa's death in 2003, widower Dave Beaton has treasured the outgoing voicemail message "
        "she recorded on their phone -- so much so that he refused to change phone companies out of fear that he "
        "might lose it. It was the only way he could still hear the sound of her voice.\n\nIn December, the message was lost during a service upgrade, which left the 68-year-old Brit "
        "\"absolutely devastated\" and also \"extremely angry,\" according to the BBC. So he contacted Virgin Media "
        "to see if they could retrieve it.\n\nIn the video above, Beaton receives the news that the recording has been "
        "recovered. His emotional, teary-eyed reaction couldn't be more heartwarming.\n\n"
        "\"It's just a wonderful, wonderful sound that I thought was lost forever,\" he said.",
        [("absolutely devastated", None), ("extremely angry,", None),
         ("It's just a wonderful, wonderful sound that I thought was lost forever,", "Dave Beaton")],
    ),
    "a reporting verb never opens a name": (
        "Wrote DJ Funkmaster Vex on Instagram.\n\n\"Rest in peace, hip hop pioneer, legend,\" wrote Vex.",
        [("Rest in peace, hip hop pioneer, legend,", "DJ Funkmaster Vex")],
    ),
}


@pytest.mark.parametrize("name", PATTERNS)
def test_pattern(name: str) -> None:
    text, expected = PATTERNS[name]
    assert pairs(text) == expected


@pytest.mark.parametrize("text", ["", "   \n\n\t", "The council met on Tuesday.\nNothing else happened."])
def test_empty_or_quote_free_text(text: str) -> None:
    assert extract_quotes(text) == []


def article_paths() -> list[Path]:
    return sorted(ARTICLES.glob("**/*.txt"))


@pytest.mark.parametrize("path", article_paths(), ids=lambda p: p.stem)
def test_offsets_and_sentences(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    assert quotes, "every test article has quotes"
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert text[q.sentence_start : q.sentence_start + len(q.sentence)] == q.sentence
        assert q.sentence_start < q.start and q.end <= q.sentence_start + len(q.sentence)


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("**/*.gold.jsonl")), ids=lambda p: p.stem)
def test_gold_files_match_their_articles(path: Path) -> None:
    text = path.with_name(path.name.replace(".gold.jsonl", ".txt")).read_text(encoding="utf-8")
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        assert text[gold["start"] : gold["end"]] == gold["quote"]
        assert gold["label"] in {"support", "oppose", "neutral"} and gold["target"]


@pytest.mark.skipif(not (SEED / "arab_league_article.txt").exists(), reason="seed article not available")
def test_seed_article() -> None:
    text = (SEED / "arab_league_article.txt").read_text(encoding="utf-8")
    gold = [
        json.loads(line) for line in (SEED / "arab_league_quotes.gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    found = [(q.start, q.end, q.speaker) for q in extract_quotes(text)]
    assert found == [(g["start"], g["end"], g["speaker"]) for g in gold]


def test_rules_only_mode() -> None:
    text, expected = PATTERNS["curly, attribution after, title stripped"]
    assert pairs(text, use_spacy=False) == expected
    # without NER a weekday is not a name, though a role follows it as if in apposition
    dated = ("In a statement released on Monday, the company's chief scientific officer, Dr. Hana Kobayashi, "
             "described the results as “very encouraging, but very preliminary.”")
    assert pairs(dated, use_spacy=False) == [("very encouraging, but very preliminary.", "Hana Kobayashi")]
    # a name never runs over a line break (a caption's name, then "He revealed: ...")
    captioned = ("Pavel Orlov has started attracting metal like a magnet.\n\n"
                 "MAGNETIC: Anything metal can now stick to Pavel [CEN]\nPavel Orlov\n"
                 "He revealed: \"When I came round I felt groggy but managed to get home.\"")
    assert pairs(captioned, use_spacy=False) == [("When I came round I felt groggy but managed to get home.", "Pavel Orlov")]


def test_to_dict() -> None:
    (quote,) = extract_quotes("“We will rebuild the harbour within two years,” Ana Ruiz said.")
    assert isinstance(quote, Quote)
    assert quote.to_dict() == {
        "quote": "We will rebuild the harbour within two years,",
        "speaker": "Ana Ruiz",
        "start": 1,
        "end": 46,
        "sentence": "“We will rebuild the harbour within two years,” Ana Ruiz said.",
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "“We will win this fight and nobody will stop us,” said Ana Ruiz.\n“We will",
            [("We will win this fight and nobody will stop us,", "Ana Ruiz")],
        ),
        (
            "The vote” was close. “It was a fair and open process from start to end,” Ana Ruiz said.",
            [("It was a fair and open process from start to end,", "Ana Ruiz")],
        ),
        (
            "“We will win. “Nobody can stop us now or ever,” said Ana Ruiz.",
            [("We will win.", None), ("Nobody can stop us now or ever,", "Ana Ruiz")],
        ),
        ('"' * 999, []),
    ],
)
def test_unbalanced_marks_warn_but_extract(text: str, expected: list) -> None:
    with pytest.warns(UnbalancedQuotesWarning):
        found = extract_quotes(text)
    assert [(q.text, q.speaker) for q in found] == expected


def test_balanced_article_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        extract_quotes((ARTICLES / "research_centre_closure.txt").read_text(encoding="utf-8"))


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    text = "“We will not accept these terms under any circumstances, Ana Ruiz said.\nThe talks ended."
    with pytest.warns(UnbalancedQuotesWarning):
        (quote,) = extract_quotes(text)
    assert quote.text == "We will not accept these terms under any circumstances, Ana Ruiz said."


def test_large_article_is_linear() -> None:
    quoted = "“We will not accept these terms under any circumstances,” Mayor Ana Ruiz told reporters."
    plain = "The council met on Tuesday to discuss the budget for the coming year and several other items."
    block = "\n".join([quoted] + [plain] * 999) + "\n"
    text = block * (10_000_000 // len(block))  # about 10 MB, 105 quoted paragraphs
    begin = time.perf_counter()
    quotes = extract_quotes(text)
    assert time.perf_counter() - begin < 60
    assert len(quotes) == text.count("“")
    assert {q.speaker for q in quotes} == {"Ana Ruiz"}


def test_one_huge_paragraph_is_cut_into_units() -> None:
    filler = "The council met on Tuesday to discuss the budget. " * 40_000  # 2 MB, one paragraph
    text = filler + "“We will not accept these terms under any circumstances,” said Mayor Ana Ruiz. " + filler
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Ana Ruiz"
    assert quote.sentence == "“We will not accept these terms under any circumstances,” said Mayor Ana Ruiz."


def test_run_on_text_without_punctuation_does_not_blow_up() -> None:
    text = (
        "word " * 400_000
        + "“We will not accept these terms under any circumstances,” said Ana Ruiz "
        + "end " * 400_000
    )
    (quote,) = extract_quotes(text)
    assert quote.text == "We will not accept these terms under any circumstances,"
    assert len(quote.sentence) < 2_000


def test_build_quote_dataset() -> None:
    dataset = build_quote_dataset(ARTICLES, target="local politics")
    assert dataset.column_names == ["article", "quote", "speaker", "start", "end", "sentence", "target"]
    articles = sorted(ARTICLES.glob("*.txt"))
    expected = [(p.name, q.text) for p in articles for q in extract_quotes(p.read_text(encoding="utf-8"))]
    assert list(zip(dataset["article"], dataset["quote"], strict=True)) == expected
    assert set(dataset["target"]) == {"local politics"}
    assert "" in dataset["speaker"] and None not in dataset["speaker"]
    assert "target" not in build_quote_dataset(ARTICLES / "heldout1").column_names


def test_build_quote_dataset_errors(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError):
        build_quote_dataset(tmp_path / "missing")
    assert len(build_quote_dataset(tmp_path)) == 0
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError):
        build_quote_dataset(tmp_path)
