"""Who a source really is: each rule of the speaker resolver on an invented article.

Every case names the words of one quote, the speaker it must get (None: an unnamed
source) and how the speaker was reached.
"""

from __future__ import annotations

import pytest

import onrecord
from conftest import innermost_quote_with, quote_with

CASES = [
    # a bare body noun is the body the article named with it
    (
        "Officers of the Riverton County police arrested two men on Monday.\n\n"
        "Police said the men had been armed.",
        "the men had been armed",
        "Riverton County police",
        "body",
    ),
    # ... in either spelling: "the center" is the "Centre" named before
    (
        "The Halden Centre for Rural Policy published new figures on farm incomes on Monday. "
        "The center said incomes had fallen for a third year.",
        "incomes had fallen",
        "Halden Centre for Rural Policy",
        "body",
    ),
    (
        "The Veldt Organization for Clean Water sued the county on Monday. The organisation "
        "said the county had ignored the rules for years.",
        "the county had ignored",
        "Veldt Organization for Clean Water",
        "body",
    ),
    # "the company" is the one named beside "parent company", not "the forerunner
    # companies of" it, which name no one company
    (
        '"Those workers are now leaving the business," said Lena Ortiz, a spokeswoman for '
        "Quillworth's parent company, Mondavex International.\n\n"
        "One of the forerunner companies of Mondavex, Old Quillworth, was promised $90 "
        "million in incentives by the state.\n\n"
        "The company says it considered building the new lines in the city but opted not to.",
        "it considered building the new lines",
        "Mondavex International",
        "body",
    ),
    # a bare group noun is the group the article names with it, if it names just one
    (
        "Over the past two weeks, prosecutors accused the officer of lying, the mayor "
        "said on Friday.\n\n"
        "The mayor has been under pressure since the summer. On Nov. 24, Harlow County "
        "prosecutors accused the officer of lying under oath.",
        "lying",
        "Harlow County prosecutors",
        "group",
    ),
    (
        "Over the past two weeks, prosecutors accused the officer of lying, the mayor "
        "said on Friday.\n\n"
        "Harlow County prosecutors have charged three officers this year, and Denmore "
        "County prosecutors have charged two.",
        "lying",
        None,
        None,
    ),
    # "the former senator" is none of the sitting senators
    (
        "Sen. Ada Halvorsen spoke first at the dinner on Tuesday. Vance Morrow, who left the "
        'Senate in 2012, took the stage after her. "We need a change," the former senator '
        "said.",
        "We need a change",
        "Vance Morrow",
        "description",
    ),
    # "the campaign of" a person described is that person's campaign
    (
        "Sen. Ada Halvorsen took questions from voters in Des Moines on Tuesday. And Vance "
        "Morrow turned his sights on Halvorsen, with the campaign of the former senator from "
        'Ostland saying Halvorsen was "not a real conservative on taxes."',
        "not a real conservative",
        "Morrow campaign",
        "body",
    ),
    # "the fund" is the organisation whose name holds "fund"
    (
        "The Corran Development Fund cut its forecast on Tuesday.\n\n"
        "The fund said growth would slow to 2 percent.",
        "growth would slow",
        "Corran Development Fund",
        "body",
    ),
    # ... named as the article names it where it gives the name beside the noun
    (
        "The Riverbend Clarion, the Duluth newspaper, ran an editorial on Sunday.\n\n"
        "The newspaper said that the mayor should resign.",
        "the mayor should resign",
        "Riverbend Clarion",
        "body",
    ),
    # people who speak for a body are the body
    (
        "Maria Alvarez is running for governor.\n\n"
        "Alvarez campaign officials said she would debate in May.",
        "she would debate",
        "Alvarez campaign",
        "body",
    ),
    # unnamed officials stay unnamed, even with a place
    (
        "Senior officials in Kyiv said the attack was repelled.",
        "the attack was repelled",
        None,
        None,
    ),
    # a group the article names as such is a body
    (
        "House Republicans met on Friday. House Republicans said the bill would pass.",
        "the bill would pass",
        "House Republicans",
        "group",
    ),
    # some of a group is nobody in particular
    ("Some Democrats said the bill would fail.", "the bill would fail", None, None),
    # a campaign is not its candidate
    (
        "Daniel Okafor has led the polls for weeks. "
        "Daniel Okafor's campaign said the ads were false.",
        "the ads were false",
        "Okafor campaign",
        "body",
    ),
    # a poll speaks for its pollster: named in it ...
    (
        "A Halvorsen Institute poll found that 52 percent of voters back the plan.",
        "52 percent of voters",
        "Halvorsen Institute",
        "document",
    ),
    # ... or by the sentence that introduced it
    (
        "The Halvorsen Institute released a poll on Sunday.\n\n"
        "The poll found that 52 percent of voters back the plan.",
        "52 percent of voters",
        "Halvorsen Institute",
        "document",
    ),
    # ... or, for "a new poll", by the sentence that names it next
    (
        "A new poll found that most voters back the plan. "
        "The Halvorsen Institute poll, released Sunday, surveyed 900 adults.",
        "most voters back the plan",
        "Halvorsen Institute",
        "document",
    ),
    # ... whose head is its noun, not the year at its end
    (
        "A 2016 study by the Halvorsen Research Center based on data from 2014 found that "
        "wages had risen.",
        "wages had risen",
        "Halvorsen Research Center",
        "document",
    ),
    # a poll of voters is not the voters' statement
    ("A recent poll of Ohio voters found that the race is tied.", "the race is tied", None, None),
    # first person in a letter is the letter's signer
    (
        "I think the council is wrong about the bridge.\n\nPeter Lindqvist, Duluth\n\n"
        "We believe the park must stay open.\n\nAnna Marsh, Eagan",
        "the council is wrong",
        "Peter Lindqvist",
        "first person",
    ),
    # ... and in a column the author its byline names (boilerplate the parser never sees)
    (
        "I was wrong about the minimum wage\n\nBy Helen Cartwright\n\nFor twenty years I "
        "argued that raising the minimum wage would cost jobs. I was wrong.",
        "raising the minimum wage would cost jobs",
        "Helen Cartwright",
        "first person",
    ),
    # a lede's indefinite role is the person the next paragraph names speaking, also where a
    # relative clause describes them; never someone a title makes someone else
    (
        "A senior lawmaker in Tarrovia said on Tuesday that talks must include guarantees.\n\n"
        "Lev Volkov, who heads the foreign affairs committee, told a news agency that Moscow "
        "would not accept empty promises.",
        "talks must include guarantees",
        "Lev Volkov",
        "description",
    ),
    (
        "A senior lawmaker in Tarrovia said on Tuesday that talks must include guarantees.\n\n"
        "Treasury Secretary Lev Volkov told a news agency that Moscow would not accept empty "
        "promises.",
        "talks must include guarantees",
        None,
        None,
    ),
    # an unnamed lawmaker who spoke before is not "the presidential candidate" after her
    (
        "A lawmaker in Tarrovia is calling for Martin Kessler to be banned from the country "
        "after the U.S. presidential candidate suggested that Tarrovian immigrants posed a "
        "threat to the United States.",
        "Tarrovian immigrants posed a threat",
        "Martin Kessler",
        "description",
    ),
    # "the younger Mr. Pike" is the son the article names "Jr.", not his father
    (
        "Governor Arno Pike won the vote on Tuesday. His son Arno Pike Jr. announced the "
        'result on the floor.\n\n"It is a movement now," said the younger Mr. Pike, '
        "surrounded by his sisters.",
        "It is a movement now",
        "Arno Pike Jr.",
        "surname",
    ),
    # a county supervisor is an office: "the supervisor" is the one the article named
    (
        "Tarrow County Supervisor Mara Quist opened the polls on Tuesday. Turnout was low "
        "in the morning. The supervisor said that independent voters can't vote in the primary.",
        "independent voters",
        "Mara Quist",
        "title",
    ),
    # ... also where the letters page ends the sign-off with a full stop
    (
        "LETTERS.\n\nThe council has lost my trust. I claim the bridge will never open.\n\n"
        "Talia B. Wrenfield.\n\nOlympia, Wash.\n\nThe park must stay open, and I mean it.\n\n"
        "Osric Mallet.",
        "the bridge will never open",
        "Talia B. Wrenfield",
        "first person",
    ),
    # a name after "the" that the tagger missed is a body
    (
        "The Riverbend Clarion reported that the mayor would resign.",
        "the mayor would resign",
        "Riverbend Clarion",
        "name",
    ),
    # a surname the tagger took for a noun is the person named in full before
    (
        "Talk show host Sean Hannity spoke on Monday. Hannity said the senator had apologized.",
        "the senator had apologized",
        "Sean Hannity",
        "surname",
    ),
    # a name the tagger missed heads the mention, not a person named in its relative clause
    (
        "Paul Manafort ran the convention team. Charlie Black joined him. "
        "Black, who has been friends with Manafort for 40 years, said the team was ready.",
        "the team was ready",
        "Charlie Black",
        "surname",
    ),
    # "she" is not the man named last: first names tell
    (
        'Nora Castellan met Tom Varga on Monday. "We agreed on nothing," she said.',
        "We agreed on nothing",
        "Nora Castellan",
        "pronoun",
    ),
    # a name inside the previous quote is not who speaks next
    (
        'Susan Clark spoke first. "Maria Lopez is wrong," she said. '
        '"She never listens," she added.',
        "She never listens",
        "Susan Clark",
        "pronoun",
    ),
    # a description of a person is the person the article is about
    (
        "Karen Whitfield won the primary on Tuesday. Whitfield thanked her volunteers. "
        "The nominee said she would campaign in every county.",
        "campaign in every county",
        "Karen Whitfield",
        "description",
    ),
    # people described by whom they work for are not that person
    (
        "Nora Castellan spoke in Ohio. A spokesman for Nora Castellan said the ads were false.",
        "the ads were false",
        None,
        None,
    ),
    (
        "Nora Castellan spoke in Ohio. Some Castellan allies said the race was tightening.",
        "the race was tightening",
        None,
        None,
    ),
    # a dateline is not part of the source
    (
        "Summit opens in Brussels\n\n"
        "BRUSSELS - European leaders said on Friday that the bloc must spend more on defense.",
        "the bloc must spend more",
        "European leaders",
        "group",
    ),
    # a title says a woman is one ("chairwoman" is no "man"), so "she" is her
    (
        "Tom Reyes, a spokesman for the council, said the vote was fair.\n\n"
        "Dana Kowal, the state party chairwoman, said she had received threats. "
        '"The campaign helped incite everything that happened," she said.',
        "The campaign helped incite",
        "Dana Kowal",
        "pronoun",
    ),
    # a person named inside the subject ("defenders of trade, like X") is who "he" is
    (
        '"Tariffs protect nobody," Paul Brennan said.\n\n'
        "Some defenders of free trade, like Victor Lund, a fellow at a research institute, "
        "also acknowledge that workers were hurt. "
        '"The benefit is ten times the size of the losses," he said.',
        "ten times the size",
        "Victor Lund",
        "pronoun",
    ),
    # "Mrs. Keane" is not the man of that surname, and a subject inside what he reported
    # ("whether the Keanes had stayed") does not take "he" from him
    (
        "Walter Keane and Ruth Keane visited the resort in 1999.\n\n"
        "Mrs. Keane did not hesitate. "
        '"Everybody should be believed at first," she said.',
        "Everybody should be believed",
        "Ruth Keane",
        "pronoun",
    ),
    (
        "In an email, Frank Dorsey said his friendship with Walter Keane was business. "
        "He said he did not recall whether the Keanes had stayed at the resort. "
        '"If they did stay there, it only shows good taste," he added.',
        "it only shows good taste",
        "Frank Dorsey",
        "pronoun",
    ),
    # "the newspaper": the outlet that spoke, not a place beside a misparsed apposition
    (
        "Almost a week after the storm hit flood-ravaged Vermont, a Burlington newspaper "
        "called on the governor to visit.\n\n"
        "The Morning Ledger had chided the governor on Monday for staying on vacation, "
        "its editors said.\n\n"
        "The newspaper said that the governor should see the damage himself.",
        "the governor should see the damage",
        "Morning Ledger",
        "body",
    ),
    # "the agency": the latest government body the article named
    (
        "The Department of Transport released the figures, and Orbis Partners, a consulting "
        "firm, criticised them.\n\n"
        "The agency said the figures were complete.",
        "the figures were complete",
        "Department of Transport",
        "body",
    ),
    # a document's possessive owner is resolved like a source ("the newspaper's editorial")
    (
        "The Daily Sentinel, a Maine newspaper, ran an editorial on Friday.\n\n"
        "The newspaper's editorial said the bridge must be rebuilt.",
        "the bridge must be rebuilt",
        "Daily Sentinel",
        "document",
    ),
    # the head of a long source phrase is its first noun, not its last one
    (
        "Voters went to the polls in five states on Tuesday.\n\n"
        "Most voters favoured lower taxes, according to early results of exit polls "
        "conducted by Edison Research for the Associated Press and television networks.",
        "Most voters favoured lower taxes",
        "Edison Research",
        "document",
    ),
    # "the woman" after "a young woman": the unnamed woman, and so is the "she" after her
    (
        "Senator Ann Weller held a town hall on Monday. A young woman asked the senator "
        'about the vote. "You said every vote counts," the woman said.',
        "every vote counts",
        None,
        None,
    ),
    (
        "Senator Ann Weller held a town hall on Monday. A young woman asked the senator "
        'about the vote. "You said every vote counts," the woman said. '
        '"Should we believe you?" she asked.',
        "Should we believe you",
        None,
        None,
    ),
    # a group that names one member speaks through that member
    (
        "Leading economic advisers like Gene Marsh said that the plan would cost too much.",
        "the plan would cost too much",
        "Gene Marsh",
        "name",
    ),
    # ... and through all of them, as one group, when it names several
    (
        "Other Republican candidates, including Carla Fenwick and Ben Ostrow, have said "
        "that the scandal is fair game.",
        "the scandal is fair game",
        "Carla Fenwick and Ben Ostrow",
        "group",
    ),
    # the person named beside the head of a long mention, not the last name in it
    (
        "Jobs grew, the economist Jared Bellamy, a former adviser to Senator Paul Ruddick, "
        "said on Friday.",
        "Jobs grew",
        "Jared Bellamy",
        "name",
    ),
    # a noun of an organisation's kind after its name is that organisation
    (
        "The Global Times ran a long editorial on Monday.\n\n"
        'The candidate "has earned himself a few fans in China," the nationalist Global '
        "Times tabloid said.",
        "earned himself a few fans",
        "Global Times",
        "body",
    ),
    # a description with no stated title is the latest subject, not the most mentioned
    (
        "President Tom Hale signed the order on Monday. Hale said it would save lives, and "
        "Hale's aides praised it.\n\n"
        "Senate leader Mark Dunmore is criticising President Tom Hale as a weak leader. "
        "In a statement, the Ohio Republican said the order would not survive in court.",
        "the order would not survive",
        "Mark Dunmore",
        "description",
    ),
    # a name with a person's title beside it is a person, whom "he" can be
    (
        "Reince Pardew, the party chairman, this past week announced the creation of a "
        'website. "It is a tool for voters," he said.',
        "It is a tool for voters",
        "Reince Pardew",
        "pronoun",
    ),
    # a person's advisers speak for the campaign the article named for that person
    (
        "The Maria Alvarez campaign opened an office in Reno on Monday.\n\n"
        "Alvarez's advisers said they were confident of a win in the state.",
        "they were confident",
        "Maria Alvarez campaign",
        "body",
    ),
    # ... and for nobody in particular when it names none
    (
        "Maria Alvarez opened an office in Reno on Monday.\n\n"
        "Alvarez's advisers said they were confident of a win in the state.",
        "they were confident",
        None,
        None,
    ),
    # "Then there is X.": X is who the next "he" is
    (
        'Paul Grant has praised the governor often. "She is ready," Grant said on Monday.\n\n'
        'Then there is Tom Axler. "Kind of bewildering as to why her folks are so explicit," '
        "he wrote last October.",
        "Kind of bewildering",
        "Tom Axler",
        "pronoun",
    ),
    # "its senior vice president" is not the president the article named
    (
        "President Tom Hale visited the plant of Orbis Motors on Monday.\n\n"
        "Its senior vice president said the company would hire 200 workers.",
        "the company would hire",
        None,
        None,
    ),
    # a producer whose name the parser hung before the document as a modifier
    (
        "The League of Rural Voters has spent $2 million against Mr. Okafor. A League of "
        "Rural Voters ad says that he raised tolls.",
        "he raised tolls",
        "League of Rural Voters",
        "document",
    ),
    # ... or one the tagger did not tag at all, a name or an acronym the lexicon knows
    (
        "A Morning Harbor poll released Tuesday found that Okafor leads by five points.",
        "Okafor leads by five points",
        "Morning Harbor",
        "document",
    ),
    (
        "The Federal Election Commission fined the group. FEC filings show that the group "
        "spent $2 million.",
        "the group spent $2 million",
        "Federal Election Commission",
        "document",
    ),
    # ... but a capitalised word alone is no name
    ("A Web video says that Mr. Okafor lied.", "Mr. Okafor lied", None, None),
    # a piece is its newspaper's, whose name tells it is one
    (
        "Mr. Okafor leads by five points, according to a report in the Riverton Register.",
        "Mr. Okafor leads by five points",
        "Riverton Register",
        "document",
    ),
    # a producer the tagger did not name, after "from" or "by"
    (
        "An email from Neera Tanden said that the donor regretted his support.",
        "the donor regretted",
        "Neera Tanden",
        "document",
    ),
    # "it" after a person spoke: the organisation that is the subject just before
    (
        '"We are ready," Mayor Ann Cole said on Monday.\n\n'
        "The Ministry of Health issued a statement on Tuesday. It said the outbreak was under "
        "control.",
        "the outbreak was under control",
        "Ministry of Health",
        "pronoun",
    ),
    # a hyphenated title is one word, though the tokenizer splits it
    (
        "Democratic front-runner Helen Voss won the primary in Ohio on Tuesday. Mr. Okafor "
        "spoke in Iowa. The front-runner said on Wednesday that the result was a turning point.",
        "the result was a turning point",
        "Helen Voss",
        "title",
    ),
    # a title with a party names no one of another party
    (
        "Republican nominee Tom Okafor spoke in Iowa on Friday. Democratic nominee Helen Voss "
        "spoke in Ohio. On Sunday, the GOP nominee said that taxes were too high.",
        "taxes were too high",
        "Tom Okafor",
        "title",
    ),
    # a description under another clause's subject is not that subject
    (
        "Helen Voss spoke in Ohio on Tuesday. Mr. Okafor hit back on Wednesday after the "
        "nominee said that he had no plan.",
        "he had no plan",
        "Helen Voss",
        "description",
    ),
    (
        "Mr. Okafor took on Helen Voss on Sunday after the Democratic nominee had said "
        "on Saturday that he was a danger to the country.",
        "he was a danger to the country",
        "Helen Voss",
        "description",
    ),
    # ... but a clause joined by "and" may go on about its subject
    (
        "Tom Brandt spoke in Ohio on Friday. Brandt attacked Mr. Okafor on Saturday, and the "
        "billionaire said that Okafor had no plan.",
        "Okafor had no plan",
        "Tom Brandt",
        "description",
    ),
    # a question someone was asked is not theirs: the asker goes unnamed
    (
        "Mr. Okafor spoke in Iowa on Monday. Asked about his previous criticisms of Ms. Voss, "
        "Okafor said that was a natural part of the race.",
        "his previous criticisms of Ms. Voss",
        None,
        None,
    ),
    # ... and the one it was put to is still who "she" is, whoever the question names
    (
        "“I think he would stand aside,” Ms. Voss said on Monday.\n\nAsked about her own vote "
        "in the event that Ms. Lind wins the primary, she replied: “I don’t know.”",
        "I don’t know",
        "Voss",
        "pronoun",
    ),
    # a person's campaign is named for them, even where the article never names it so
    (
        "Carla Mendes won in Oregon on Tuesday. Mendes’ campaign reiterated plans to win over "
        "undecided delegates.",
        "to win over undecided delegates",
        "Mendes campaign",
        "body",
    ),
    (
        "Tom Brandt spoke in Ohio on Monday. His campaign said the rally would go ahead.",
        "the rally would go ahead",
        "Brandt campaign",
        "body",
    ),
    # ... and that person's advisers speak for it, the surname read as anything by the tagger
    (
        "Carla Mendes won in Oregon on Tuesday. Mendes’ campaign reiterated plans to win over "
        "undecided delegates.\n\nMendes advisers said that the candidate would stay in the race.",
        "the candidate would stay",
        "Mendes campaign",
        "body",
    ),
    # "a woman later identified as X", "a man named X": X
    (
        "The second incident came on a rope line. A woman later identified as Ilse Varga, an "
        "activist for a green group, asked whether the senator would refuse oil money.",
        "whether the senator would refuse oil money",
        "Ilse Varga",
        "name",
    ),
    (
        "A man named Joel Pratt said he saw the fire.",
        "he saw the fire",
        "Joel Pratt",
        "name",
    ),
    # a body named in the source, with a person in its relative clause, is the body
    (
        "Tom Brandt spoke on Tuesday. The Northern Anglers Association, which has endorsed "
        "Brandt, urged members to vote for him.",
        "to vote for him",
        "Northern Anglers Association",
        "name",
    ),
    # "the website X", "the newspaper X": X
    (
        "The website VoteCount found that the rules work against outsiders.",
        "the rules work against outsiders",
        "VoteCount",
        "body",
    ),
    # someone's spokeswoman or campaign manager is not that someone
    (
        "Kim Oduya spoke in Leeds on Monday. Oduya's spokeswoman said the senator was resting.",
        "the senator was resting",
        None,
        None,
    ),
    # "Tate's wife": the woman of that name the article named, not Tate
    (
        "Police said Keith Tate was shot on Tuesday. His wife, Rakeyia Tate, filmed the "
        "encounter.\n\nTate's wife said she had begged the officers not to shoot.",
        "she had begged the officers",
        "Rakeyia Tate",
        "description",
    ),
    # "one former senior official" introduces somebody new, not the official named before
    (
        "Agency official Dan Ruiz was in charge of the base that night.\n\n"
        '"Did he lose 20 minutes? Probably," said one former senior agency official.',
        "Did he lose 20 minutes",
        None,
        None,
    ),
    # "his wife, Ghazala Nadir" is a woman; "Khizr Nadir", read as an organisation, is the
    # man "Mr. Nadir" names
    (
        "Khizr Nadir, whose son was killed in Iraq, spoke at the convention with his wife, "
        "Ghazala Nadir, beside him.\n\nMr. Nadir said the candidate had sacrificed nothing.\n\n"
        "Mrs. Nadir said she could not speak on stage because of her grief.",
        "the candidate had sacrificed nothing",
        "Khizr Nadir",
        "name",
    ),
    (
        "Khizr Nadir, whose son was killed in Iraq, spoke at the convention with his wife, "
        "Ghazala Nadir, beside him.\n\nMr. Nadir said the candidate had sacrificed nothing.\n\n"
        "Mrs. Nadir said she could not speak on stage because of her grief.",
        "she could not speak on stage",
        "Ghazala Nadir",
        "name",
    ),
    # "they" after a group was the subject: that group, named or not
    (
        "Jim Hale was ready to quit the race. Hale campaign officials met on Friday to look at "
        "the rules. They determined that Hale would fall off the ballot in three states.",
        "Hale would fall off the ballot",
        "Hale campaign",
        "pronoun",
    ),
    (
        "The Acme Institute published its figures on Monday.\n\nProtesters gathered outside "
        "the hall on Tuesday. They said the vote had been stolen.",
        "the vote had been stolen",
        None,
        None,
    ),
    # a group the article names, as a plural name, is who "they" are next
    (
        "Senate Democrats blocked the spending bill on Tuesday because they said its "
        "language was a poison pill.",
        "its language was a poison pill",
        "Senate Democrats",
        "pronoun",
    ),
    (
        "Republicans in the Marlow legislature voted against the budget on Monday. They said "
        "it would raise taxes on farmers.",
        "it would raise taxes on farmers",
        "Republicans",
        "pronoun",
    ),
    # a name whose family name comes first is the one person named so in full
    (
        "Foreign Minister Pak Sung-ho of the northern republic arrived in Tarvo on Friday. "
        'Pak said the sanctions were "an act of war."',
        "the sanctions were",
        "Pak Sung-ho",
        "surname",
    ),
    (
        "Foreign Minister Ri Tae-ho arrived in Tarvo on Friday. Ri said the sanctions were "
        '"an act of war."',
        "the sanctions were",
        "Ri Tae-ho",
        "surname",
    ),
    (
        "President Hwang Jae-in met the envoy on Friday. Hwang said the summit was "
        '"a new beginning."',
        "the summit was",
        "Hwang Jae-in",
        "surname",
    ),
    # "it" is not a group the text counted as many ("they")
    (
        "The Delmont Institute published its report on Monday. Vera Lund and Tom Pell said "
        "the treaty had failed. It said the treaty had cut trade by a third.",
        "the treaty had cut trade by a third",
        "Delmont Institute",
        "pronoun",
    ),
    # a source the article says it does not name is nobody, and so is the "she" after her
    (
        "Rita Voss runs the diner on Main Street.\n\n"
        '"One guy said maybe we should start killing them," said the woman, who like many in '
        'the town did not want to be quoted by name. "Too much hate," she said.',
        "Too much hate",
        None,
        None,
    ),
    (
        "Mayor Tom Reyes left the meeting early.\n\n"
        '"It was a mistake," said an official who spoke on condition of anonymity.',
        "It was a mistake",
        None,
        None,
    ),
    # a quote with no cue continues the statement just reported, not the last direct quote
    (
        "Governor Ruth Ono faced Senator Paul Ames in the debate.\n\n"
        '"We will win this," Ames said.\n\n'
        "Asked about jobs, she said the state had made progress against great odds. "
        '"I really believe that we have done an incredible job."',
        "I really believe",
        "Ruth Ono",
        "continuation",
    ),
    # "the survey" with none named before: the body that just reported it
    (
        "Consumer sentiment is at its highest since 2004, the Acme Research Institute reported "
        "last week. Wages are rising, and the survey found that people had more confidence.",
        "people had more confidence",
        "Acme Research Institute",
        "document",
    ),
    # ... but not any body that did something before it
    (
        "The Springfield Board of Health met on Monday. The report said that the water was safe.",
        "the water was safe",
        None,
        None,
    ),
    # a surname the tagger took for a common noun is the person named in full before
    (
        "Metro News’ Tom Cannity asked the mayor about the budget. “They said it was"
        " negotiable,” Cannity said.",
        "They said it was negotiable",
        "Tom Cannity",
        "surname",
    ),
    # a person described by age alone goes on describing the person just quoted
    (
        'Martha Lee, a retired teacher, said the library was "the only warm place" for many '
        "older people. The 72-year-old said she had used the branch for four decades.",
        "she had used the branch",
        "Martha Lee",
        "description",
    ),
    # ... and nobody after someone the article leaves unnamed
    (
        'A woman in the crowd said the library was "the only warm place" for many. The '
        "72-year-old said she had used the branch for decades.",
        "she had used the branch",
        None,
        None,
    ),
    # a hyphenated office is the whole word: "the Secretary-General" is no general, and
    # nobody the article names holds it
    (
        "Its deputy envoy, Lin Bo, said Beijing favoured talks. The Secretary-General, who had "
        "pressed for the vote, said he was deeply disappointed.",
        "he was deeply disappointed",
        None,
        None,
    ),
    # a name set off after the body a spokesman speaks for names the spokesman
    (
        "A spokesman for the rebel alliance, Abu Samir, said fighters had repelled an attack.",
        "fighters had repelled",
        "Abu Samir",
        "name",
    ),
    (
        "A spokeswoman for Volkov, Anna Belova, said the sanctions were illegal.",
        "the sanctions were illegal",
        "Anna Belova",
        "name",
    ),
    # a title the tagger took into the name ("Archbishop Tom Rees") is still a title
    (
        "Archbishop Tom Rees said the war must end. The archbishop added that he would pray "
        "for peace.",
        "he would pray",
        "Tom Rees",
        "title",
    ),
    # and so is one before a name the tagger missed altogether
    (
        "Pope calls for ceasefire in Christmas message\n\n"
        "VATICAN CITY - Pope Leo appealed on Wednesday for a ceasefire in all the world's "
        "wars, in his traditional Christmas message to a crowd of tens of thousands in St. "
        "Peter's Square.\n\nCardinal Pietro Ruini said the Holy See was ready to mediate. The "
        "pope said the suffering of children was a wound on the conscience of humanity.",
        "the suffering of children",
        "Leo",
        "title",
    ),
    # a description in the lede with nobody before it is the holder of that title named
    # just after
    (
        "The city's police chief on Monday warned that the cuts would force layoffs.\n\n"
        '"We will not be able to answer every call," Chief Raymond Okafor said.',
        "force layoffs",
        "Raymond Okafor",
        "description",
    ),
    # and after an office the article has given to someone else: that mayor or senator
    # is not called Nunes or Marsh
    (
        "Mayor Diane Whitfield proposed the cuts. In a statement, a spokeswoman for the mayor, "
        "Carla Nunes, said they would be met through attrition, not layoffs.",
        "met through attrition",
        "Carla Nunes",
        "name",
    ),
    (
        "Senator Ana Ruiz spoke on Monday. An aide to the senator, Leo Marsh, said the bill "
        "was dead.",
        "the bill was dead",
        "Leo Marsh",
        "name",
    ),
    # "the ambassador" is also an envoy the article named so, the latest one
    (
        "The Tarrovian ambassador, Linda Varga, accused Moscow of shielding an aggressor. "
        "Russia's envoy, Vasily Orlin, said the text was one-sided. The ambassador added that "
        "Moscow would present its own draft.",
        "Moscow would present",
        "Vasily Orlin",
        "title",
    ),
    # "the official" after an unnamed official is that one still, whoever holds a title
    (
        "Pentagon press secretary Brig. Gen. Pat Ryder told reporters that the operation had "
        "been planned for weeks. A U.S. official, speaking on condition of anonymity, said "
        "allied intelligence had helped. The official said the strike was carried out by a "
        "drone.",
        "carried out by a drone",
        None,
        None,
    ),
    # a description nobody before is the subject of is the person its sentence names
    (
        "Mr. Doe took on Jane Roe on Sunday after the Democratic front-runner had said that he "
        "was a liar.",
        "he was a liar",
        "Jane Roe",
        "description",
    ),
    # an office a body owns is held by someone of that body, never a party's chairman
    (
        "The ruling party's chairman, Irakli Dvali, said the bill was needed. The European "
        "Union's foreign policy chief warned that the law was incompatible with EU values.",
        "the law was incompatible",
        None,
        None,
    ),
    (
        "The bloc's foreign policy chief, Josep Rennard, told reporters the talks had failed. "
        "Later, the European Union's foreign policy chief said the bloc would try again.",
        "the bloc would try again",
        "Josep Rennard",
        "title",
    ),
    # a name set off after a relative clause that ends in someone else's name is the
    # described person's
    (
        "Another senator who has not endorsed Mr. Pell, Maria Lopez of Ohio, said she would wait.",
        "she would wait",
        "Maria Lopez",
        "name",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker", "how"), CASES)
def test_speaker(text: str, words: str, speaker: str | None, how: str | None) -> None:
    quote = innermost_quote_with(text, words)
    got = (quote.speaker.name, quote.speaker.how) if quote.speaker else (None, None)
    assert got == (speaker, how), quote.source


def test_a_dateline_is_boilerplate_with_the_captions() -> None:
    text = "Summit opens\n\nDALLAS (AP) — The mayor said the bridge would open in May."
    record = onrecord.analyze(text)
    assert [text[s:e] for s, e in record.boilerplate] == ["DALLAS (AP) —"]
    assert all(q.source is None or "DALLAS" not in q.source.text for q in record.quotes)


def test_a_dateline_after_a_full_stopped_headline_and_a_standfirst_is_blanked() -> None:
    text = (
        "Ministers weigh a new border plan.\n\n"
        "After the floods, the bloc wants to share the cost.\n\n"
        "VELGRAD - Northern ministers said on Friday that the bloc must share the cost."
    )
    record = onrecord.analyze(text)
    assert "VELGRAD -" in [text[s:e] for s, e in record.boilerplate]
    [quote] = [q for q in record.quotes if "must share the cost" in q.content.text]
    assert quote.source is not None and quote.source.text == "Northern ministers"


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("SAN MARCO, Alderia (AP) _ ", "SAN MARCO, Alderia (AP) _"),
        # an agency's name between slashes: a dateline, not a photo credit that would blank
        # the statement after it
        ("VELGRAD, March 3. /TASS/. ", "VELGRAD, March 3. /TASS/."),
        # a place in title case before an agency in capitals, as AFP writes it
        ("Velgrad (AFP) - ", "Velgrad (AFP) -"),
    ],
)
def test_agency_datelines_are_blanked_and_their_paragraph_kept(opening: str, dateline: str) -> None:
    text = f"Summit opens\n\n{opening}The mayor said the bridge would open in May."
    record = onrecord.analyze(text)
    assert [text[s:e] for s, e in record.boilerplate] == [dateline]
    [quote] = record.quotes
    assert quote.source is not None and quote.source.text == "The mayor"
    assert quote.content.text == "the bridge would open in May"


def test_a_body_speaker_is_an_entity_with_its_other_names() -> None:
    record = onrecord.analyze(
        "Nora Castellan spoke in Ohio. Nora Castellan's campaign said the ads were false."
    )
    [quote] = [q for q in record.quotes if "ads were false" in q.content.text]
    assert quote.speaker is not None and quote.speaker.entity is not None
    entity = next(e for e in record.entities if e.id == quote.speaker.entity)
    assert entity.type == "ORG"
    assert "Castellan campaign" in entity.aliases


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("President Hwang Jae-in met the envoy on Friday.", ["Hwang Jae-in"]),
        ("Secretary-General Choi Ki-moon said the talks would resume.", ["Choi Ki-moon"]),
        ("Senator Vera Lund ran a Tom Pell-style campaign in Ohio.", ["Vera Lund", "Tom Pell"]),
        ("It was a Tom Pell-era rule.", ["Tom Pell"]),
    ],
)
def test_a_person_s_name_is_whole_at_a_hyphen(text: str, people: list[str]) -> None:
    record = onrecord.analyze(text)
    assert [e.name for e in record.entities if e.type == "PERSON"] == people


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Michael Nefzi", True),  # a known first name and a surname, tagged ORG or GPE
        ("Maria Alvarez Ruiz", True),
        ("Michael Foundation", False),  # an institution word
        ("Daniel", False),  # one word
        ("Paul Allen Institute", False),
    ],
)
def test_a_first_name_and_a_surname_read_as_an_organisation_are_a_person(
    name: str, person: bool
) -> None:
    from onrecord.lexicon import default_lexicon
    from onrecord.pipeline.entity_building import _looks_like_a_person

    assert _looks_like_a_person(name, default_lexicon()) is person


def test_a_title_s_abbreviation_split_from_its_period_is_no_name() -> None:
    record = onrecord.analyze(
        "Pentagon press secretary Brig. Gen. Pat Ryder told reporters that the operation had "
        "been planned for weeks."
    )
    assert [e.name for e in record.entities if e.type == "PERSON"] == ["Pat Ryder"]


@pytest.mark.parametrize(
    "text",
    [
        "Democrat Ana Ruiz said the bill was dead.",
        "Talks stall\n\nVelgrad (AFP) - Democrat Ana Ruiz has taken a swipe at her rival, "
        "saying that his comments do more harm than good.",
    ],
)
def test_a_party_word_before_a_name_is_no_part_of_it(text: str) -> None:
    record = onrecord.analyze(text)
    assert [e.name for e in record.entities if e.type == "PERSON"] == ["Ana Ruiz"]


def test_the_lexicon_reads_honorifics_and_the_kinds_of_determiners() -> None:
    from onrecord.lexicon import default_lexicon

    lexicon = default_lexicon()
    assert lexicon.honorifics["mr"] == lexicon.honorifics["mr."] == "m"
    assert lexicon.honorifics["dr"] is None and "miss." not in lexicon.honorifics
    assert lexicon.is_determiner("another", "indefinite")
    assert not lexicon.is_determiner("the", "indefinite")
    assert lexicon.is_determiner("several") and not lexicon.is_determiner("senator")
    assert lexicon.is_determiner("his", "article", "possessive")


def test_capitals_before_an_aside_are_the_subject_not_a_dateline() -> None:
    text = "Summit opens\n\nTARVO - the alliance of northern ports - said the bridge would open."
    record = onrecord.analyze(text)
    assert record.boilerplate == []
    [quote] = record.quotes
    assert quote.content.text == "the bridge would open"


INTERVIEW = (
    "Q&A: The defence minister on the war and the draft\n\n"
    "Defence Minister Lena Marsh sat down with our correspondent in her office on Monday. "
    "Her predecessor, Olek Brandt, has called for a larger army.\n\n"
    "Q: You said last week that the army has enough ammunition. Is that still true?\n\n"
    "A: We have what we need for now. I believe the war will be long, and Brandt says the "
    "same.\n\n"
    "Q: Will you lower the draft age?\n\n"
    "A: I have told parliament that the decision is theirs.\n"
)


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("the army has enough ammunition", "Lena Marsh"),
        ("the war will be long", "Lena Marsh"),
        ("the decision is theirs", "Lena Marsh"),
        ("the same", "Olek Brandt"),
    ],
)
def test_an_interview_s_answers_are_the_person_interviewed_s(words: str, speaker: str) -> None:
    quote = quote_with(INTERVIEW, words)
    assert quote.speaker is not None and quote.speaker.name == speaker
