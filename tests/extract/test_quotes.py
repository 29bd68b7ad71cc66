"""The quotes stage on real parses: direct, indirect and mixed quotes, cues and speakers."""

from __future__ import annotations

from functools import cache

import pytest

from faultline.errors import DataFileError
from faultline.extract.speakers import document_speaker, lexicon, parse_lexicon
from faultline.model import Annotations, Quote
from faultline.pipeline import annotate_text
from tests.evaldata import seed_text


def annotate(text: str, published: str | None = "2022-02-16") -> Annotations:
    ann = annotate_text(text, published=published, stages=["quotes"])
    assert not ann.failures, ann.failures
    check_offsets(ann)
    return ann


def check_offsets(ann: Annotations) -> None:
    """Every span points at the text it claims, with no stray spaces or commas at its ends."""
    text = ann.article.text
    for q in ann.quotes:
        content = text[q.span.start:q.span.end]
        assert content and content == content.strip(), repr(content)
        assert not content.endswith(","), repr(content)
        assert q.kind in ("direct", "indirect", "mixed")
        if q.cue_span is not None:
            assert text[q.cue_span.start:q.cue_span.end] == q.cue_text
        if q.speaker is not None and q.speaker.span is not None:
            said = text[q.speaker.span.start:q.speaker.span.end]
            assert said and said == said.strip()


def content(ann: Annotations, q: Quote) -> str:
    return ann.article.text[q.span.start:q.span.end]


def quote_with(ann: Annotations, words: str) -> Quote:
    found = [q for q in ann.quotes if content(ann, q).startswith(words)]
    assert found, f"no quote starting {words!r} in {[content(ann, q) for q in ann.quotes]}"
    return found[0]


def speaker_of(ann: Annotations, words: str) -> str | None:
    """The speaker's name of the quote starting with `words` (None: no speaker)."""
    q = quote_with(ann, words)
    return q.speaker.name if q.speaker is not None else None


@cache
def seed(prefix: str, published: str) -> Annotations:
    return annotate(seed_text(prefix), published)


# -- the seeds -------------------------------------------------------------------------------


def test_seed_biden_quote_and_its_continuation() -> None:
    ann = seed("000", "2022-02-16")
    first = quote_with(ann, "The United States and NATO are not a threat")
    assert first.kind == "direct"
    assert first.speaker is not None and "Biden" in first.speaker.name
    assert first.cue_text == "said"
    # the quote runs over a paragraph break and closes before "Biden said"
    assert content(ann, first).endswith("Neither the US nor NATO have missiles in Ukraine")
    second = quote_with(ann, "We do not — do not have plans")
    assert second.speaker is not None and "Biden" in second.speaker.name


def test_seed_simonyan_quotes() -> None:
    ann = seed("000", "2022-02-16")
    for start in ("We showed everyone", "Kyiv’s economy", "The departing tanks"):
        q = quote_with(ann, start)
        assert q.kind == "direct"
        assert q.speaker is not None and q.speaker.name == "Margarita Simonyan", start
    added = quote_with(ann, "Kyiv’s economy")
    assert added.cue_text == "added"
    assert added.speaker is not None and added.speaker.span is not None
    assert ann.article.text[added.speaker.span.start:added.speaker.span.end] == "Simonyan"


def test_seed_group_of_academics() -> None:
    ann = seed("000", "2022-02-16")
    q = quote_with(ann, "Sending arms or deploying Russian troops")
    assert q.speaker is not None and "academics" in q.speaker.name
    # the next paragraph continues the survey quote with no cue of its own
    follow = quote_with(ann, "According to our latest survey")
    assert follow.speaker is not None and "academics" in follow.speaker.name


def test_seed_putin_essay_via_role() -> None:
    ann = seed("000", "2022-02-16")
    for start in ("First of all, I would like to emphasise", "These are, first and foremost"):
        q = quote_with(ann, start)
        assert q.speaker is not None and "Putin" in q.speaker.name, start
    q = quote_with(ann, "First of all")
    assert q.speaker is not None and q.speaker.span is not None
    said = ann.article.text[q.speaker.span.start:q.speaker.span.end]
    assert said == "the Russian president"


def test_seed_ryabkov_mixed_indirect() -> None:
    ann = seed("001", "2021-12-17")
    found = [q for q in ann.quotes if "Russia’s response will be" in content(ann, q)]
    assert found
    q = found[0]
    assert q.speaker is not None and q.speaker.name == "Sergey Ryabkov"
    assert q.kind == "mixed"  # the clause ends in the quoted word “military.”
    assert not content(ann, q).startswith("that")


def test_seed_offsets_round_trip() -> None:
    for prefix, date in (("000", "2022-02-16"), ("001", "2021-12-17")):
        ann = seed(prefix, date)
        assert ann.quotes
        check_offsets(ann)


# -- direct quotes ---------------------------------------------------------------------------


def test_direct_quote_cue_after() -> None:
    ann = annotate('"We will not back down," the defence minister said on Monday.')
    q = quote_with(ann, "We will not back down")
    assert content(ann, q) == "We will not back down"
    assert q.kind == "direct" and q.cue_text == "said"
    assert q.speaker is not None and q.speaker.name == "the defence minister"


def test_direct_quote_ending_in_a_nested_quote_keeps_its_frame() -> None:
    ann = annotate("\"They hear the sirens and tell each other, 'Stay inside,' \" Ana Petrova "
                   "said on Sunday. \"Then they wait.\"")
    q = quote_with(ann, "They hear the sirens")
    assert q.kind == "direct" and q.cue_text == "said"
    assert speaker_of(ann, "They hear the sirens") == "Ana Petrova"
    assert speaker_of(ann, "Then they wait") == "Ana Petrova"
    assert not [x for x in ann.quotes if x.kind == "indirect"]


def test_direct_quote_cue_before_with_colon() -> None:
    ann = annotate("The spokeswoman for the ministry told reporters: “The talks are over.”")
    q = quote_with(ann, "The talks are over")
    assert q.kind == "direct" and q.cue_text == "told"
    assert q.speaker is not None and "spokeswoman" in q.speaker.name


def test_direct_quote_inverted_cue() -> None:
    ann = annotate("“Nobody wants a war here,” said Olaf Brandt, a farmer near the border.")
    assert speaker_of(ann, "Nobody wants a war here") == "Olaf Brandt"


def test_split_quote_shares_speaker_and_cue() -> None:
    ann = annotate("Helga Moritz chairs the committee.\n\n“We are ready,” Moritz said. "
                   "“But we will wait for the vote.”")
    first = quote_with(ann, "We are ready")
    second = quote_with(ann, "But we will wait")
    assert first.speaker is not None and first.speaker.name == "Helga Moritz"
    assert second.speaker is not None and second.speaker.name == "Helga Moritz"
    assert first.cue_span == second.cue_span


def test_quote_split_by_its_cue_mid_sentence() -> None:
    ann = annotate('Tomas Ruiz, the mayor, spoke on Friday. "My hope," Mr. Ruiz said, '
                   '"is that the bridge reopens before the winter."')
    first = quote_with(ann, "My hope")
    second = quote_with(ann, "is that the bridge reopens")
    assert first.kind == second.kind == "direct"
    assert first.speaker is not None and first.speaker.name == "Tomas Ruiz"
    assert second.speaker is not None and second.speaker.name == "Tomas Ruiz"
    assert first.cue_span == second.cue_span


def test_quote_continued_over_paragraphs() -> None:
    text = ("Anna Berg, the finance minister, spoke for an hour.\n\n"
            "“The first problem is the cost.\n\n"
            "“The second problem is that nobody asked for it,” Berg said.")
    ann = annotate(text)
    first = quote_with(ann, "The first problem is the cost")
    second = quote_with(ann, "The second problem")
    assert content(ann, first) == "The first problem is the cost."
    assert first.speaker is not None and first.speaker.name == "Anna Berg"
    assert second.speaker is not None and second.speaker.name == "Anna Berg"


def test_quote_paragraph_without_cue_takes_previous_speaker() -> None:
    text = ("“Prices will keep rising,” the central bank governor, Ines Duarte, said.\n\n"
            "“Nobody should expect relief this winter.”")
    ann = annotate(text)
    assert speaker_of(ann, "Nobody should expect relief") == "Ines Duarte"


def test_quote_after_a_cue_sentence_in_the_paragraph() -> None:
    ann = annotate("The talks will go on, Ivan Petrov said on Monday. "
                   "“Nobody is leaving the table.”")
    q = quote_with(ann, "Nobody is leaving the table")
    assert q.speaker is not None and q.speaker.name == "Ivan Petrov"
    assert q.cue_text == "said"


def test_scare_quotes_are_not_quotes() -> None:
    ann = annotate("The army called the exercise “routine” and moved on.")
    assert not [q for q in ann.quotes if content(ann, q) == "routine"]


def test_quote_signed_with_a_dash() -> None:
    text = ("“This plan will fail the farmers.” ― Rosa Quintana\n"
            "“We need a new plan before winter.” ― Teo Vargas")
    ann = annotate(text)
    first = quote_with(ann, "This plan will fail")
    second = quote_with(ann, "We need a new plan")
    assert first.speaker is not None and first.speaker.name == "Rosa Quintana"
    assert second.speaker is not None and second.speaker.name == "Teo Vargas"
    assert first.cue_text == "―"


def test_transcript_labels() -> None:
    text = ("A partial transcript follows.\n\n"
            "HOST: Welcome back, the talks in Geneva ended early today.\n\n"
            '"MORALES: Thank you. The talks ended because nobody wanted them to go on.')
    ann = annotate(text)
    host = quote_with(ann, "Welcome back")
    guest = quote_with(ann, "Thank you")
    assert host.speaker is not None and host.speaker.name == "HOST"
    assert guest.speaker is not None and guest.speaker.name == "MORALES"
    assert content(ann, guest).endswith("nobody wanted them to go on.")


def test_unquoted_block_after_colon() -> None:
    text = ("Rush Limbaugh added:\n\n"
            "The debate was rigged from the start, and everyone in the room knew it.")
    ann = annotate(text)
    q = quote_with(ann, "The debate was rigged")
    assert q.speaker is not None and q.speaker.name == "Rush Limbaugh"
    assert q.cue_text == "added"


def test_quote_inside_a_quote_of_other_marks() -> None:
    text = '"GARCIA: He called the deal “a historic step,” but nothing has changed since.'
    ann = annotate(text)
    outer = quote_with(ann, "He called the deal")
    assert outer.speaker is not None and outer.speaker.name == "GARCIA"
    assert content(ann, outer).endswith("nothing has changed since.")


# -- indirect and mixed quotes ---------------------------------------------------------------


def test_indirect_that_clause() -> None:
    ann = annotate("The ministry warned that the border would close on Monday.")
    q = quote_with(ann, "the border would close")
    assert content(ann, q) == "the border would close on Monday"
    assert q.kind == "indirect" and q.cue_text == "warned"
    assert q.speaker is not None and q.speaker.name == "The ministry"


def test_reporters_but_clause_stays_out() -> None:
    ann = annotate("Moscow has insisted it has no plan to attack, but the drills go on near the "
                   "border.")
    q = quote_with(ann, "it has no plan to attack")
    assert content(ann, q) == "it has no plan to attack"


def test_insist_on_keeps_the_whole_object() -> None:
    ann = annotate("The minister insists on guarantees that the alliance cannot give.")
    q = quote_with(ann, "guarantees")
    assert content(ann, q) == "guarantees that the alliance cannot give"


def test_indirect_clause_without_that() -> None:
    ann = annotate("Officials in Kyiv believe the troops are still near the border.")
    q = quote_with(ann, "the troops are still near the border")
    assert q.cue_text == "believe"
    assert q.speaker is not None and "Officials" in q.speaker.name


def test_indirect_frame_after_content() -> None:
    ann = annotate("The economy will shrink next year, the central bank said on Tuesday.")
    q = quote_with(ann, "The economy will shrink")
    assert content(ann, q) == "The economy will shrink next year"
    assert q.speaker is not None and q.speaker.name == "the central bank"


def test_as_clause() -> None:
    ann = annotate("As the foreign minister noted on Monday, the talks have failed.")
    q = quote_with(ann, "the talks have failed")
    assert content(ann, q) == "the talks have failed"
    assert q.speaker is not None and q.speaker.name == "the foreign minister"


def test_according_to() -> None:
    ann = annotate("According to the United Nations, forty people were killed in the attack.")
    q = quote_with(ann, "forty people were killed")
    assert q.cue_text == "According to"
    assert q.speaker is not None and "United Nations" in q.speaker.name


def test_document_opening_the_sentence() -> None:
    ann = annotate("In a new poll, the governor leads his rival by five points.")
    q = quote_with(ann, "the governor leads")
    assert content(ann, q) == "the governor leads his rival by five points"
    assert q.speaker is not None and "poll" in q.speaker.name


def test_noun_cue_with_owner() -> None:
    ann = annotate("The Kremlin's claim that the troops had left was met with doubt.")
    q = quote_with(ann, "the troops had left")
    assert q.cue_text == "claim"
    assert q.speaker is not None and "Kremlin" in q.speaker.name


def test_call_for_and_urge() -> None:
    ann = annotate("The senator called for new sanctions. The mayor urged residents to stay home.")
    assert quote_with(ann, "new sanctions").cue_text == "called"
    urged = quote_with(ann, "residents to stay home")
    assert urged.speaker is not None and urged.speaker.name == "The mayor"


def test_labelling_verb_takes_object_and_label() -> None:
    ann = annotate("The governor called the senator a “reckless gambler” on Tuesday.")
    q = quote_with(ann, "the senator")
    assert content(ann, q).startswith("the senator a “reckless gambler”")
    assert q.kind == "mixed"


def test_mixed_content_runs_to_its_closing_mark() -> None:
    ann = annotate("A diplomat told reporters that the troop moves were “unhelpful” and "
                   "“deeply worrying.”")
    q = quote_with(ann, "the troop moves")
    assert content(ann, q).endswith("“deeply worrying.”")
    assert q.kind == "mixed"


def test_mixed_quote() -> None:
    ann = annotate('Lena Ortiz said that the response would be "swift and severe."')
    q = quote_with(ann, "the response would be")
    assert q.kind == "mixed"
    assert q.speaker is not None and q.speaker.name == "Lena Ortiz"


def test_pronoun_speaker_resolves_to_person() -> None:
    ann = annotate("Maria Lopez arrived in Madrid on Friday. She said the vote had been rigged.")
    q = quote_with(ann, "the vote had been rigged")
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"
    assert q.speaker.span is not None
    assert ann.article.text[q.speaker.span.start:q.speaker.span.end] == "She"


def test_quote_inside_quote_gets_reporter() -> None:
    ann = annotate("“The officers told us that the bridge was closed,” Tomas Weber said.")
    outer = quote_with(ann, "The officers told us")
    inner = quote_with(ann, "the bridge was closed")
    assert outer.speaker is not None and outer.speaker.name == "Tomas Weber"
    assert inner.reporter is not None and inner.reporter.name == "Tomas Weber"
    assert inner.speaker is not None and "officers" in inner.speaker.name


def test_first_person_inside_quote_is_the_outer_speaker() -> None:
    ann = annotate("“I think the deal is dead,” Pavel Novak said.")
    inner = quote_with(ann, "the deal is dead")
    assert inner.speaker is not None and inner.speaker.name == "Pavel Novak"


def test_raising_verb_is_no_cue() -> None:
    # "appeared" has a subject but it is nobody's word: only the telling is attributed
    ann = annotate("He told reporters in Brussels that Russia appeared to be continuing "
                   "its military build-up.")
    assert [content(ann, q) for q in ann.quotes] == [
        "Russia appeared to be continuing its military build-up"]
    assert ann.quotes[0].speaker is not None and ann.quotes[0].speaker.name == "He"


def test_single_quotes_british_style() -> None:
    ann = annotate("‘We will not give up the port,’ the governor said on Tuesday. "
                   "The town’s residents don’t agree.")
    q = quote_with(ann, "We will not give up the port")
    assert q.kind == "direct" and content(ann, q) == "We will not give up the port"
    assert q.speaker is not None and q.speaker.name == "the governor"
    assert not any(content(ann, x).startswith("s residents") for x in ann.quotes)


def test_apostrophes_do_not_open_quotes() -> None:
    ann = annotate("The Joneses’ farm was sold, the agent’s report said, and it wasn’t cheap.")
    assert all(q.kind != "direct" for q in ann.quotes)


def test_single_quote_inside_double_quote_keeps_outer_close() -> None:
    ann = annotate("“They call it ‘a reset,’ but it isn’t one,” the envoy said.")
    q = quote_with(ann, "They call it")
    assert content(ann, q) == "They call it ‘a reset,’ but it isn’t one"
    assert q.speaker is not None and q.speaker.name == "the envoy"


def test_object_content_stops_at_circumstance_and_set_off_phrase() -> None:
    ann = annotate("The senator attacked the governor in a radio interview on Friday, "
                   "saying the plan would fail.")
    assert content(ann, quote_with(ann, "the governor")) == "the governor"
    assert quote_with(ann, "the plan would fail").speaker is not None


def test_adjective_with_preposition_is_an_attitude() -> None:
    ann = annotate("Graham has long been critical of the new trade deal.")
    q = quote_with(ann, "the new trade deal")
    assert q.cue_text == "critical" and q.speaker is not None and q.speaker.name == "Graham"


def test_passive_object_cue_with_agent() -> None:
    ann = annotate("The nominee was endorsed by dozens of newspapers.")
    q = quote_with(ann, "The nominee")
    assert q.speaker is not None and q.speaker.name.endswith("newspapers")


def test_noun_cue_after_copula_belongs_to_subject() -> None:
    ann = annotate("The mayor is a fierce critic of the toll road and of new parking fees.")
    q = quote_with(ann, "the toll road")
    assert content(ann, q) == "the toll road and of new parking fees"
    assert q.speaker is not None and q.speaker.name == "The mayor"


def test_to_infinitive_object_is_no_parenthetical_frame() -> None:
    ann = annotate("In her address, Okafor urged farmers to join the growing circle of water "
                   "savers, and criticized the board’s record.")
    assert not any(content(ann, q) == "In her address" for q in ann.quotes)
    assert speaker_of(ann, "farmers to join") == "Okafor"


def test_coordinated_infinitives_stay_in_the_content() -> None:
    ann = annotate("She vowed to double the size of the reserve corps, grow the fleet and "
                   "create a new service program.")
    q = quote_with(ann, "to double")
    assert content(ann, q).endswith("create a new service program")


def test_pronoun_object_and_attitude_verb() -> None:
    ann = annotate("The senator cited it as proof of fraud. The mayor admires the governor.")
    assert quote_with(ann, "it as proof").cue_text == "cited"
    q = quote_with(ann, "the governor")
    assert q.cue_text == "admires" and q.speaker is not None and q.speaker.name == "The mayor"


def test_speaker_is_on_the_cue_line_not_a_heading_above() -> None:
    ann = annotate("12:15 p.m.\nDonald Trump says political correctness has run amok.")
    assert speaker_of(ann, "political correctness") == "Donald Trump"
    ann = annotate("The Latest: Ana Ruiz urges voters to watch polling places.")
    assert speaker_of(ann, "voters to watch") == "Ana Ruiz"


def test_participle_cue_speaks_for_the_clause_subject() -> None:
    ann = annotate("The senator spoke for an hour on Monday, at times sharply criticizing "
                   "the governor's budget.")
    assert speaker_of(ann, "the governor's budget") == "The senator"


def test_coordinated_non_speech_cue_stays_in_the_said_content() -> None:
    ann = annotate("Guards say the man ignored every warning and refused to leave the yard.")
    q = quote_with(ann, "the man ignored")
    assert content(ann, q) == "the man ignored every warning and refused to leave the yard"


def test_according_to_at_either_end_of_the_sentence() -> None:
    ann = annotate("Incomes would rise by 19 percent, according to the Tax Foundation. "
                   "According to the radio host, the move reeks of fear.")
    assert content(ann, quote_with(ann, "Incomes")) == "Incomes would rise by 19 percent"
    q = quote_with(ann, "the move")
    assert content(ann, q) == "the move reeks of fear"
    assert q.speaker is not None and "host" in q.speaker.name


def test_unowned_report_noun_with_that_clause() -> None:
    ann = annotate("Reports that the border had closed spread quickly.")
    q = quote_with(ann, "the border had closed")
    assert q.cue_text == "Reports" and q.speaker is None


def test_adverbial_clause_after_said_is_no_content() -> None:
    ann = annotate("That is what the anchor said when she resigned from the network after "
                   "the war began. Mexico said so when Congress cut funding for the program.")
    assert not any(content(ann, q).startswith("when") for q in ann.quotes)


def test_quote_paragraph_takes_speaker_of_cue_ending_paragraph_before() -> None:
    ann = annotate("The minister told the crowd that the vote mattered.\n"
                   "“It is about all of us.”")
    q = quote_with(ann, "It is about all of us")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.name == "The minister"
    told = quote_with(ann, "the vote mattered")
    assert q.cue_span is None or q.cue_span != told.cue_span  # two utterances, not one


def test_agentless_passive_accusation_has_two_parts_sharing_the_cue() -> None:
    ann = annotate("Mr. Quiros was accused of using the money for a condominium.")
    who = quote_with(ann, "Mr. Quiros")
    what = quote_with(ann, "using the money")
    assert content(ann, who) == "Mr. Quiros"
    assert content(ann, what) == "using the money for a condominium"
    assert who.cue_span == what.cue_span and who.cue_text == "accused"
    assert who.speaker is None


def test_agentless_passive_expectation_has_two_parts() -> None:
    ann = annotate("Roughly one in every five buyers this year is expected to be "
                   "a first-time owner.")
    who = quote_with(ann, "Roughly one in every five buyers")
    what = quote_with(ann, "to be a first-time owner")
    assert who.cue_span == what.cue_span and what.speaker is None


def test_same_style_quote_nested_in_a_quote() -> None:
    ann = annotate("“I would sooner stay in what he calls “chaos” than move to his town,” "
                   "Ana Ruiz said.")
    q = quote_with(ann, "I would sooner")
    assert content(ann, q).endswith("than move to his town")
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"


# -- the cue lexicon -------------------------------------------------------------------------


def test_lexicon_loads_and_has_core_verbs() -> None:
    lex = lexicon()
    assert {"say", "tell", "add", "write"} <= lex.direct
    assert {"believe", "deny", "estimate", "warn"} <= lex.clause
    assert "for" in lex.phrasal["call"]


@pytest.mark.parametrize("data", [
    [],
    {"direct": "say"},
    {"direct": ["Say"], "clause": [], "infinitive": [], "object": [], "noun": [],
     "noun_prep": {}, "noun_infinitive": [], "honorifics": [], "label_stopwords": [],
     "not_cues": [], "adjective": [], "labelling": [], "documents": [], "phrasal": {},
     "pronouns": {}, "circumstance_preps": [], "adjective_prep": {}},
])
def test_lexicon_rejects_bad_data(data: object) -> None:
    with pytest.raises(DataFileError):
        parse_lexicon(data, "test.yaml")


# -- cue words with a sense: speech only with a clause, a quotation or a person's stance ----


@pytest.mark.parametrize("text", [
    "The rebels are seeking talks with the government after a week of heavy fighting.",
    "The militia is planning to attack the northern town before the rains begin.",
    "Tanks were attacking the convoy on the coast road late on Sunday.",
    "Russia supports the separatists in the east with weapons and fuel.",
    "The aid agencies hope to reach the stranded villages by boat.",
    "The army aims to retake the airport within days.",
    # a person's aim: an infinitive after these verbs is what someone means to do (the
    # modality stage marks it as intended); they speak only with a clause
    "Officials are planning to brief lawmakers on the deployment next week.",
    "The foreign minister is seeking to calm tensions before the summit.",
    "The president hopes to meet his counterpart in Geneva.",
    "She wants to visit the front line before the winter.",
    "The envoy intends to stay in the capital until the vote.",
    "The prime minister is seeking a second term in the spring election.",
    # a person's armed act: an assault verb aimed at a target or with a weapon
    "The defence minister attacked the rebel stronghold with artillery.",
    "The general attacked the northern positions at dawn.",
])
def test_act_or_aim_verbs_without_a_clause_are_no_quote(text: str) -> None:
    ann = annotate(text)
    assert ann.quotes == [], [content(ann, q) for q in ann.quotes]


def test_an_attack_on_a_person_or_a_plan_is_still_words() -> None:
    ann = annotate("The senator attacked the governor's plan as reckless.")
    assert quote_with(ann, "the governor's plan").cue_text == "attacked"


def test_an_aim_verb_with_a_clause_reports_a_view() -> None:
    ann = annotate("The president hopes the talks will resume in Geneva.")
    assert quote_with(ann, "the talks will resume").cue_text == "hopes"


def test_speaking_about_is_no_cue_but_the_said_clause_is() -> None:
    ann = annotate("Speaking about the flooding, the governor said the dams would hold.")
    assert [content(ann, q) for q in ann.quotes] == ["the dams would hold"]
    assert ann.quotes[0].cue_text == "said"


def test_the_same_verbs_with_a_clause_report_what_was_thought() -> None:
    ann = annotate("The ministry hoped the ceasefire would hold through the winter.")
    q = quote_with(ann, "the ceasefire would hold")
    assert q.cue_text == "hoped"
    assert q.speaker is not None and "ministry" in q.speaker.name.lower()


def test_a_person_attacking_someone_is_a_stance() -> None:
    ann = annotate("Senator Mara Quill attacked her rival for his record on taxes.")
    q = quote_with(ann, "her rival")
    assert q.speaker is not None and q.speaker.name.endswith("Quill")


def test_clause_only_verbs_must_keep_a_frame_to_restrict() -> None:
    import yaml

    from faultline.extract.speakers import DATA_DIR

    data = yaml.safe_load((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"))
    data["clause_only"] = [*data["clause_only"], "glance"]
    with pytest.raises(DataFileError, match="glance"):
        parse_lexicon(data)


def test_the_packaged_clause_only_verbs_are_loaded() -> None:
    lex = lexicon()
    assert {"plan", "support", "attack", "speak", "hope"} <= lex.clause_only
    assert "seek" not in lex.verbs  # an aim, whatever its complement
    assert "attack" in lex.assaults and "stronghold" in lex.targets
    assert "voter" in lex.person_nouns


# -- a content stops at the attribution's clause boundary ----------------------------------


def test_content_stops_before_the_reporters_contrast_after_the_frame() -> None:
    ann = annotate("The plan will cut costs, the mayor said, but critics have called it "
                   "a giveaway to developers.")
    q = quote_with(ann, "The plan will cut costs")
    assert content(ann, q) == "The plan will cut costs"


def test_content_stops_before_a_participle_after_the_frame() -> None:
    ann = annotate("The talks are over, the envoy said, referring to the collapse of the "
                   "truce in the south.")
    q = quote_with(ann, "The talks are over")
    assert "referring" not in content(ann, q)


def test_content_stops_before_the_speakers_next_act() -> None:
    ann = annotate("The minister said the border would stay closed, and she left the "
                   "briefing without taking questions.")
    q = quote_with(ann, "the border would stay closed")
    assert "left" not in content(ann, q)


def test_a_coordinated_clause_of_the_source_stays_in_the_content() -> None:
    ann = annotate("The minister said the border would stay closed and the ports would "
                   "reopen on Monday.")
    q = quote_with(ann, "the border would stay closed")
    assert content(ann, q).endswith("reopen on Monday")


def test_a_clause_the_writer_hedges_with_seem_is_attributed_to_no_one() -> None:
    ann = annotate("The ferry service appears to have stopped for the winter.")
    q = quote_with(ann, "The ferry service appears")
    assert content(ann, q) == "The ferry service appears to have stopped for the winter"
    assert q.speaker is None and q.cue_text == "appears"


def test_seem_before_a_cue_verb_leaves_the_attribution_to_that_verb() -> None:
    ann = annotate("The senator seemed to blame the governor for the delays.")
    assert [q.cue_text for q in ann.quotes] == ["blame"]


def test_appearing_somewhere_is_no_attribution() -> None:
    ann = annotate("The mayor appeared at the opening of the new bridge on Friday.")
    assert ann.quotes == []


def test_a_when_clause_after_said_is_no_content() -> None:
    ann = annotate("The old farmer said little before he died in the spring.")
    assert not any(content(ann, q).startswith("before") for q in ann.quotes)


def test_content_stops_before_the_speakers_apposition() -> None:
    ann = annotate("The bridge will reopen in May, said Ana Ruiz, a city engineer who "
                   "has run the repairs since the flood.")
    q = quote_with(ann, "The bridge will reopen in May")
    assert content(ann, q) == "The bridge will reopen in May"


def test_a_name_given_with_called_is_no_label_quote() -> None:
    ann = annotate("She volunteers at a small charity called Open Doors in the old port.")
    assert ann.quotes == []


@pytest.mark.parametrize("text", [
    "The prime minister called his Polish counterpart after the drone strike.",
    "The president called Erdogan late on Friday to discuss the grain corridor.",
    "Diplomats said the envoy had called them twice before the vote.",
])
def test_a_telephone_call_is_no_label_quote(text: str) -> None:
    ann = annotate(text)
    assert not [q for q in ann.quotes if q.cue_text.startswith("call")], [
        content(ann, q) for q in ann.quotes]


@pytest.mark.parametrize(("text", "label"), [
    ("The opposition leader called the referendum rigged.", "the referendum rigged"),
    ("The defence minister called Kovac a “paid agitator” after the rally.", "Kovac a"),
    ("Relatives called the drowned fisherman a hero.", "the drowned fisherman a hero"),
])
def test_a_label_after_the_object_is_still_a_quote(text: str, label: str) -> None:
    ann = annotate(text)
    assert quote_with(ann, label).cue_text == "called"


def test_according_to_content_stops_before_the_reporters_aside() -> None:
    ann = annotate("Forty countries have had a woman as leader, according to the research "
                   "group, although few of them were elected directly.")
    q = quote_with(ann, "Forty countries have had a woman as leader")
    assert content(ann, q) == "Forty countries have had a woman as leader"


def test_a_poll_opening_a_paragraph_speaks() -> None:
    ann = annotate("The race is close.\n\nIn the latest state poll, the mayor leads the "
                   "challenger by two points.")
    q = quote_with(ann, "the mayor leads the challenger")
    assert q.cue_text == "In"


def test_object_content_stops_before_a_when_clause() -> None:
    ann = annotate("The senator painted a grim picture of the economy as she accepted the "
                   "nomination in Denver.")
    assert content(ann, quote_with(ann, "a grim picture")) == "a grim picture of the economy"


def test_phrasal_cue_keeps_the_label_it_gives() -> None:
    ann = annotate("The analysts pointed to the border town as the likely site of the next "
                   "clash.")
    assert content(ann, quote_with(ann, "the border town")) == (
        "the border town as the likely site of the next clash")


def test_participle_after_a_closing_quote_stays_out() -> None:
    ann = annotate("The envoy said the talks “would be over by March,” referring to the "
                   "deadline agreed in Geneva.")
    q = quote_with(ann, "the talks")
    assert "referring" not in content(ann, q)
    assert content(ann, q).startswith("the talks “would be over by March")


@pytest.mark.parametrize("text", [
    "The ministry's effort to repair the pipeline took three weeks.",
    "Their attempt to cross the river failed before dawn.",
    "The city celebrated the anniversary with fireworks.",
])
def test_efforts_attempts_and_celebrations_are_acts_not_quotes(text: str) -> None:
    ann = annotate(text)
    assert ann.quotes == [], [content(ann, q) for q in ann.quotes]


def test_voicing_doubts_is_an_attribution() -> None:
    ann = annotate("The governor voiced doubts about the new budget on Tuesday.")
    q = quote_with(ann, "doubts about the new budget")
    assert q.speaker is not None and q.speaker.name.endswith("governor")


def test_a_person_taking_a_side_with_a_preposition_is_a_stance() -> None:
    ann = annotate("Senator Ruiz voted against the new sanctions and went after her rival "
                   "for his silence.")
    assert quote_with(ann, "the new sanctions").cue_text == "voted"
    assert quote_with(ann, "her rival").cue_text == "went"


@pytest.mark.parametrize("text", [
    "Armoured columns went after the retreating rebels in the hills.",
    "The artillery units focused on the bridges north of the city.",
    "The brigade pushed for the river crossing before dawn.",
])
def test_units_taking_a_side_or_a_target_are_no_quote(text: str) -> None:
    ann = annotate(text)
    assert ann.quotes == [], [content(ann, q) for q in ann.quotes]


def test_according_to_mid_sentence_after_a_whole_clause_takes_that_clause() -> None:
    ann = annotate("Grain exports rose by 12 percent, according to the ministry of agriculture, "
                   "more than analysts had forecast.")
    q = quote_with(ann, "Grain exports")
    assert content(ann, q) == "Grain exports rose by 12 percent"


def test_a_participle_after_an_adverb_is_still_the_reporters_aside() -> None:
    ann = annotate("The general said the offensive would end soon, implicitly promising a "
                   "truce before winter.")
    assert content(ann, quote_with(ann, "the offensive")) == "the offensive would end soon"


def test_a_quote_after_a_no_break_space_is_a_quote_of_its_own() -> None:
    ann = annotate("“We will not give up the port,” the mayor said.\xa0“Our ships stay. The "
                   "talks can wait.”")
    q = quote_with(ann, "Our ships stay")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.name.endswith("mayor")
    assert content(ann, q) == "Our ships stay. The talks can wait."


def test_seeing_someone_as_something_is_a_view_but_seeing_is_not() -> None:
    ann = annotate("Many voters see the senator as the strongest candidate.")
    q = quote_with(ann, "the senator")
    assert content(ann, q) == "the senator as the strongest candidate"
    assert q.speaker is not None and q.speaker.name.endswith("voters")
    assert annotate("The soldiers saw the convoy at dawn.").quotes == []


def test_a_view_noun_with_a_copula_clause_is_an_attribution() -> None:
    ann = annotate("The minister's view is that the sanctions will fail by spring.")
    q = quote_with(ann, "the sanctions will fail")
    assert q.cue_text == "view" and q.speaker is not None and "minister" in q.speaker.name
    assert annotate("The problem is that the bridge is closed.").quotes == []


# -- content boundaries and speakers (spans) -------------------------------------------------


def test_a_second_that_clause_joined_by_and_or_but_is_still_the_content() -> None:
    ann = annotate("The envoy said the ceasefire had held and that aid convoys would move on "
                   "Friday.")
    assert content(ann, quote_with(ann, "the ceasefire")) == (
        "the ceasefire had held and that aid convoys would move on Friday")
    ann = annotate("The governor said the levee must be raised, but that she would not order "
                   "anyone to leave.")
    assert content(ann, quote_with(ann, "the levee")) == (
        "the levee must be raised, but that she would not order anyone to leave")


def test_a_coordinated_clause_of_the_writer_is_not_the_content() -> None:
    ann = annotate("The envoy said the two sides were close, but the rebels have turned down "
                   "every draft.")
    assert content(ann, quote_with(ann, "the two sides")) == "the two sides were close"


def test_a_relative_speaker_is_the_noun_before_its_clause() -> None:
    ann = annotate("The minister, who said the border would stay shut, flew to Geneva.")
    assert speaker_of(ann, "the border") == "The minister"


def test_a_possessive_speaker_drops_its_s() -> None:
    ann = annotate("The general's claim that the bridge had fallen turned out to be wrong.")
    assert speaker_of(ann, "the bridge had fallen") == "The general"


def test_threatening_a_country_with_sanctions_is_an_act_not_a_quote() -> None:
    assert annotate("Moscow threatened Kyiv with fresh sanctions on Tuesday.").quotes == []
    ann = annotate("Moscow threatened to cut gas deliveries to Kyiv.")
    q = quote_with(ann, "to cut gas")
    assert q.cue_text == "threatened" and q.speaker is not None and q.speaker.name == "Moscow"


def test_finding_a_thing_is_no_quote_but_finding_that_is() -> None:
    assert annotate("The negotiators found a way to keep the talks going.").quotes == []
    ann = annotate("The inspectors found that the spillway had cracked.")
    assert content(ann, quote_with(ann, "the spillway")) == "the spillway had cracked"


# -- cue classes the lexicon reaches through its frames (issue 13, recall) ------------------


def test_said_with_an_object_names_what_was_said() -> None:
    ann = annotate("Two thirds of the farmers said the drought was the worst in memory, and "
                   "half said the same of the floods.")
    q = quote_with(ann, "the same of the floods")
    assert q.cue_text == "said" and q.speaker is not None and q.speaker.name == "half"
    assert quote_with(ann, "the drought was").speaker is not None


def test_a_verb_of_asking_takes_an_if_clause_but_said_if_does_not() -> None:
    ann = annotate("The reporter asked the colonel if the bridge would reopen before the "
                   "harvest.")
    assert speaker_of(ann, "if the bridge would reopen") == "The reporter"
    assert annotate("The colonel said if the rain held off.").quotes == []


def test_an_agentless_passive_cue_has_no_named_speaker() -> None:
    ann = annotate("The minister was asked about the fuel shortages at a briefing on Tuesday.")
    q = quote_with(ann, "the fuel shortages")
    assert q.cue_text == "asked" and q.speaker is None


def test_responding_to_is_a_persons_answer_not_a_units_act() -> None:
    ann = annotate("A spokeswoman for the governor did not respond to questions from reporters.")
    assert quote_with(ann, "questions from reporters").cue_text == "respond"
    assert annotate("The navy responded to the missile strike with a blockade of the "
                    "port.").quotes == []


def test_a_particle_cue_takes_the_verbs_object() -> None:
    ann = annotate("The envoy laid out a plan for a ceasefire along the river.")
    q = quote_with(ann, "a plan for a ceasefire")
    assert q.cue_text == "laid" and q.speaker is not None and q.speaker.name == "The envoy"


def test_a_share_of_voters_holds_a_stance_but_fighters_supporting_a_side_act() -> None:
    ann = annotate("Sixty percent of the voters would vote for the mayor again.")
    assert quote_with(ann, "the mayor").cue_text == "vote"
    assert annotate("The fighters who support the government attacked the village at "
                    "dawn.").quotes == []


def test_a_clause_after_but_is_no_complement_of_an_object_cue() -> None:
    ann = annotate("She promised lower fuel prices, but the council has since raised taxes.")
    assert [content(ann, q) for q in ann.quotes] == ["lower fuel prices"]


def test_allegations_against_someone_are_the_owners() -> None:
    ann = annotate("The opposition made fresh allegations against the election board on "
                   "Monday.")
    assert speaker_of(ann, "the election board") == "The opposition"


def test_a_second_cue_verb_between_two_quotes_opens_a_quote_of_its_own() -> None:
    ann = annotate("“We will hold the line,” the colonel said, adding later, “Nobody here is "
                   "leaving.”")
    first, second = quote_with(ann, "We will hold"), quote_with(ann, "Nobody here")
    assert first.cue_text == "said" and second.cue_text == "adding"
    assert second.kind == "direct" and len(ann.quotes) == 2
    assert second.speaker is not None and second.speaker.name.endswith("colonel")
    ann = annotate("“The port is open,” the mayor said in a speech, “and it will stay open.”")
    assert {q.cue_text for q in ann.quotes} == {"said"}


def test_an_answer_noun_with_a_copula_clause_and_posts_about_something() -> None:
    ann = annotate("The senator's answer was that the border would stay closed.")
    q = quote_with(ann, "the border would stay closed")
    assert q.cue_text == "answer" and q.speaker is not None and q.speaker.name == "The senator"
    ann = annotate("Her posts about the siege drew thousands of replies.")
    assert quote_with(ann, "the siege").cue_text == "posts"


def test_calling_for_someone_to_act_keeps_the_clause_the_particle_opens() -> None:
    ann = annotate("The foreign minister is calling for the rebels to lay down their arms.")
    q = quote_with(ann, "the rebels to lay down their arms")
    assert q.cue_text == "calling" and q.speaker is not None
    assert q.speaker.name == "The foreign minister"


def test_an_attribution_in_parentheses_frames_the_sentence_around_it() -> None:
    ann = annotate("The ferry will resume service in June (the harbour master said on Friday).")
    q = quote_with(ann, "The ferry")
    assert content(ann, q) == "The ferry will resume service in June"
    assert q.cue_text == "said" and q.speaker is not None and q.speaker.name.endswith("master")


def test_a_clause_in_parentheses_after_the_content_is_the_reporters_aside() -> None:
    ann = annotate("The agency said the convoy was hit near the border (a claim the army "
                   "disputes).")
    assert content(ann, quote_with(ann, "the convoy")) == "the convoy was hit near the border"
    assert not [q for q in ann.quotes if q.cue_text == "disputes"]


def test_a_when_clause_after_the_object_tells_when_not_what() -> None:
    ann = annotate("The senator criticized the pipeline plan when she spoke in Toledo on Monday.")
    assert content(ann, quote_with(ann, "the pipeline")) == "the pipeline plan"
    assert not [q for q in ann.quotes if q.cue_text == "spoke"]


def test_a_gloss_on_a_name_at_the_end_of_the_content_is_the_reporters() -> None:
    ann = annotate("The union said it would back Ana Ruiz, the former port commissioner who "
                   "ran the docks for a decade.")
    assert content(ann, quote_with(ann, "it would back")) == "it would back Ana Ruiz"


def test_an_opening_clause_that_sets_the_scene_is_no_framed_content() -> None:
    ann = annotate("When the reporter pressed him on the budget, the minister said the figures "
                   "were final.")
    said = [q for q in ann.quotes if q.cue_text == "said"]
    assert [content(ann, q) for q in said] == ["the figures were final"]
    ann = annotate("The talks have failed, the minister said on Tuesday.")
    assert quote_with(ann, "The talks have failed").cue_text == "said"


def test_a_content_starts_after_the_dateline() -> None:
    ann = annotate_text("MANILA, June 3 (Reuters) - Two patrol boats collided near the shoal on "
                        "Sunday, the coast guard said.", stages=["actors", "quotes"])
    q = quote_with(ann, "Two patrol boats")
    assert content(ann, q) == "Two patrol boats collided near the shoal on Sunday"


def test_a_noun_phrase_after_the_attribution_is_the_reporters_comment() -> None:
    ann = annotate("The ferries will sail again on Monday, the port authority said, the first "
                   "crossings since the storm.")
    assert [content(ann, q) for q in ann.quotes] == ["The ferries will sail again on Monday"]


def test_how_something_was_said_is_not_what_was_said() -> None:
    ann = annotate("Officials, who spoke on condition of anonymity, said the talks had stalled.")
    assert [content(ann, q) for q in ann.quotes] == ["the talks had stalled"]
    assert annotate("The aide spoke on background.").quotes == []


def test_made_it_clear_that_is_an_attribution_but_so_slow_that_is_a_result() -> None:
    ann = annotate("The minister made it clear that the border would stay shut.")
    assert speaker_of(ann, "the border would stay shut") == "The minister"
    assert annotate("The talks were so slow that the envoys left.").quotes == []


def test_a_speech_verb_joined_to_the_said_clause_is_the_speakers() -> None:
    ann = annotate("Ruiz told reporters the deal was close and warned that time was short.")
    assert speaker_of(ann, "time was short") == "Ruiz"
    assert content(ann, quote_with(ann, "the deal")) == "the deal was close"


def test_the_name_after_an_inverted_cue_speaks_however_the_parser_hangs_it() -> None:
    ann = annotate('"The danger," said Tomas Berg, an economist who is the head of the Harbor '
                   'Institute, "is that we lose the port."\n\nOn top of that, critics say, fees '
                   'will rise.')
    for q in (quote_with(ann, "The danger"), quote_with(ann, "is that we lose")):
        assert q.speaker is not None and q.speaker.name == "Tomas Berg"


def test_the_subject_of_likely_to_say_is_the_speaker() -> None:
    ann = annotate("Farmers are far more likely to say that the new levy hurts their income.")
    assert speaker_of(ann, "the new levy") == "Farmers"


def test_a_label_before_a_colon_names_the_speaker_of_the_quote() -> None:
    ann = annotate('Sen. Ana Ruiz (D-Ore.): "I have not seen that figure anywhere."')
    assert speaker_of(ann, "I have not seen") == "Ana Ruiz"
    ann = annotate("Port chief on the strike: ‘We do not pay anyone to stay home.’")
    assert speaker_of(ann, "We do not pay") == "Port chief"
    assert quote_with(annotate('Update: "The road is closed."'), "The road").speaker is None


def test_a_possessive_pronoun_owner_resolves_to_the_person_before() -> None:
    ann = annotate("Governor Abel Ruiz spoke next. His call for talks surprised the delegates.")
    assert speaker_of(ann, "talks") == "Abel Ruiz"


def test_the_object_of_forced_or_asked_speaks_its_infinitive_but_not_of_promised() -> None:
    ann = annotate("The senator forced the banker to admit that the fees were too high.")
    assert speaker_of(ann, "the fees were too high") == "the banker"
    ann = annotate("She promised the voters to cut taxes.")
    assert speaker_of(ann, "the voters to cut taxes") == "She"


def test_considering_an_act_is_deliberation_but_considering_someone_honest_is_a_view() -> None:
    ann = annotate("Officials in the capital said they were considering filing a new protest.")
    assert [q.cue_text for q in ann.quotes] == ["said"]
    ann = annotate("Most voters consider the mayor honest.")
    assert quote_with(ann, "the mayor honest").cue_text == "consider"


def test_a_cue_joined_to_a_said_clause_about_things_is_the_speakers() -> None:
    ann = annotate("Beijing denied that its ships had acted aggressively and accused Manila of "
                   "provoking the clash.")
    q = quote_with(ann, "Manila of provoking")
    assert q.cue_text == "accused" and q.speaker is not None and q.speaker.name == "Beijing"


def test_a_participle_with_its_own_that_clause_is_no_attribution_frame() -> None:
    ann = annotate("The governor warned that the flood could foreshadow worse, remarking that "
                   "it showed the need to raise the levee.")
    assert not [q for q in ann.quotes if content(ann, q).startswith("The governor warned")]


def test_a_relative_clause_cue_after_a_comma_is_no_frame() -> None:
    ann = annotate("The army says the convoy was hit, a claim the rebels deny.")
    assert not any(q.cue_text == "deny" and content(ann, q).startswith("The army")
                   for q in ann.quotes)
    assert quote_with(ann, "the convoy was hit").cue_text == "says"


def test_a_cue_the_parser_hangs_loose_on_the_verb_before_speaks_for_its_subject() -> None:
    ann = annotate("Local farmers clamoring to stop the pipeline say they are winning the "
                   "argument.")
    assert speaker_of(ann, "they are winning the argument") == "Local farmers"
    ann = annotate("The agency hid the files, admitted it lost several records, and delayed "
                   "the audit.")
    assert speaker_of(ann, "it lost several records") == "The agency"


def test_a_said_clause_is_a_content_even_where_the_parse_loses_the_speaker() -> None:
    ann = annotate('"So we will see how it works."\n\nSenator Tom Hale, up against a tough '
                   "rival in a district he barely won, said he would welcome the governor.")
    assert quote_with(ann, "he would welcome the governor").cue_text == "said"


def test_a_content_stops_before_a_coordinated_clause_with_a_cue_of_its_own() -> None:
    ann = annotate("The mayor said the budget was balanced, and the council approved it after "
                   "a long debate.")
    assert content(ann, quote_with(ann, "the budget")) == "the budget was balanced"
    ann = annotate("The minister said the port would reopen, and the harbour master announced "
                   "that ships could dock.")
    assert content(ann, quote_with(ann, "the port")) == "the port would reopen"  # no ", and"


def test_a_phrase_right_after_the_object_is_the_objects_unless_it_names_the_medium() -> None:
    ann = annotate("The union backed the proposal in large numbers.")
    assert content(ann, quote_with(ann, "the proposal")) == "the proposal in large numbers"
    ann = annotate("The coach praised her defence in a statement on Sunday.")
    assert content(ann, quote_with(ann, "her defence")) == "her defence"


def test_a_cue_verb_without_a_clause_sense_still_takes_a_that_clause() -> None:
    ann = annotate("Farmers resent that the ministry has used the drought to raise fees.")
    assert quote_with(ann, "the ministry has used the drought").cue_text == "resent"


def test_agreeing_with_someone_that_gives_the_clause_not_the_person() -> None:
    ann = annotate("Fewer than a third agreed with the mayor that the bridge would have to wait.")
    assert quote_with(ann, "the bridge would have to wait").cue_text == "agreed"
    assert not [q for q in ann.quotes if content(ann, q).startswith("the mayor")]


def test_a_clause_whose_subject_is_itself_a_clause_is_a_stance_of_anyone() -> None:
    ann = annotate("In a tough season, the mayor's team and her allies believe that merely "
                   "attacking the rival may not win the race.")
    assert quote_with(ann, "merely attacking the rival").cue_text == "believe"


def test_seeing_someone_as_something_keeps_the_label_even_when_misparsed() -> None:
    ann = annotate("Many farmers see their own union as far too timid about its "
                   "demands.")
    q = quote_with(ann, "their own union")
    assert content(ann, q).endswith("too timid about its demands")


def test_new_phrasal_and_object_cues_of_people() -> None:
    ann = annotate("The union leaders are hoping for a deal before the holiday.")
    assert quote_with(ann, "a deal").cue_text == "hoping"
    ann = annotate("The governor bemoaned the delays at the port.")
    assert quote_with(ann, "the delays at the port").cue_text == "bemoaned"


def test_a_second_object_the_parser_joins_to_the_cue_verb_stays_in_the_content() -> None:
    ann = annotate("The senator mentioned lower fees and forcing banks to publish their rates.")
    assert content(ann, quote_with(ann, "lower fees")) == (
        "lower fees and forcing banks to publish their rates")
    ann = annotate("The governor stressed fiscal discipline, and a need to cut the payroll tax.")
    assert content(ann, quote_with(ann, "fiscal")).endswith("a need to cut the payroll tax")


def test_a_quotation_opened_in_a_content_runs_on_over_a_full_stop_to_its_close() -> None:
    ann = annotate('The mayor said the budget was "a fair deal for the city. It protects the '
                   'schools and the parks," and left the hall.')
    said = content(ann, quote_with(ann, "the budget"))
    assert said.startswith('the budget was "a fair deal') and "the parks" in said
    assert "left the hall" not in said


def test_a_speech_noun_reports_an_attribution_with_no_owner_but_an_attack_does_not() -> None:
    ann = annotate("Criticism of the new tax has grown in the capital.")
    assert quote_with(ann, "the new tax").cue_text == "Criticism"
    assert not annotate("An attack on the convoy killed two soldiers.").quotes
    assert not annotate("Supporters of the plan rallied outside.").quotes


def test_an_unowned_speech_noun_belongs_to_the_doer_of_the_verb_it_hangs_on() -> None:
    ann = annotate("The museum issued a statement of concern about the cuts to its budget.")
    assert speaker_of(ann, "the cuts to its budget") == "The museum"


def test_a_speaker_climbed_to_as_another_verbs_patient_still_speaks() -> None:
    ann = annotate("By evening the mayor was forced into a retreat and said that her words had "
                   "been misunderstood.")
    assert speaker_of(ann, "her words had been misunderstood") == "the mayor"


def test_an_unowned_noun_without_a_preposition_frame_is_rejected() -> None:
    import yaml

    from faultline.extract.speakers import DATA_DIR

    data = yaml.safe_load((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"))
    data["unowned_nouns"] = [*data["unowned_nouns"], "teapot"]
    with pytest.raises(DataFileError, match="teapot"):
        parse_lexicon(data)


@pytest.mark.parametrize("text", [
    "Russia's support for the rebels has grown.",
    "The army's plan to attack the city was delayed.",
    "Western support for the rebels grew through the spring.",
])
def test_a_clause_only_noun_owned_by_no_person_is_an_act_not_a_stance(text: str) -> None:
    assert not annotate(text).quotes


def test_a_clause_only_noun_owned_by_a_person_is_a_stance() -> None:
    ann = annotate("The senator's support for the bill surprised no one.")
    assert quote_with(ann, "the bill").cue_text == "support"
    ann = annotate("Her plan to cut taxes won votes.")
    assert quote_with(ann, "to cut taxes").cue_text == "plan"


def test_a_verb_in_the_cues_tense_joined_to_the_said_clause_is_the_speakers_next_act() -> None:
    ann = annotate("The senator said she admires the plan and praised its authors for their work.")
    assert content(ann, quote_with(ann, "she admires")) == "she admires the plan"
    # in the said clause's own tense it is still what was said
    ann = annotate("The chief says the force was ready and acted within the rules.")
    assert content(ann, quote_with(ann, "the force")) == (
        "the force was ready and acted within the rules")


def test_a_cue_verb_in_the_cues_form_after_a_perfect_said_clause_opens_its_own_quote() -> None:
    # "had crossed" (past perfect) is the denied clause; "accused", in the cue's own simple past,
    # is the spokesman's next attribution, not part of what he denied
    ann = annotate("The army spokesman denied that soldiers had fired on the crowd and accused "
                   "the opposition of staging the clash.")
    assert content(ann, quote_with(ann, "soldiers")) == "soldiers had fired on the crowd"
    assert quote_with(ann, "the opposition").cue_text == "accused"
    # a participle sharing the perfect ("had entered and searched") stays in the clause
    ann = annotate("The mayor said the police had entered the building and searched every room.")
    assert content(ann, quote_with(ann, "the police")) == (
        "the police had entered the building and searched every room")


def test_a_noun_phrase_glossing_the_said_clause_is_the_writers_not_the_speakers() -> None:
    ann = annotate("The coast guard said the trawler sank near the reef, the third such loss "
                   "this year.")
    assert content(ann, quote_with(ann, "the trawler")) == "the trawler sank near the reef"
    # a measure or a date after the verb is part of what was said
    ann = annotate("The agency said exports fell 4 percent, the steepest drop since 2009.")
    assert content(ann, quote_with(ann, "exports")).startswith("exports fell 4 percent")


def test_a_quote_opening_a_paragraph_takes_no_speaker_from_a_thing_in_the_one_before() -> None:
    ann = annotate("The talks went on late into the night.\n\n"
                   "\u201cNothing is agreed until everything is agreed.\u201d")
    assert speaker_of(ann, "Nothing is agreed") is None  # talks cannot speak
    ann = annotate("The minister told reporters the vote mattered.\n\n"
                   "\u201cIt is about all of us.\u201d")
    assert speaker_of(ann, "It is about") == "The minister"


def test_a_cue_with_its_subject_before_a_comma_and_its_object_after_is_no_frame() -> None:
    ann = annotate("Police Commissioner Ana Reyes, who spent the morning in the streets, described "
                   "the protests as largely peaceful.")
    q = quote_with(ann, "the protests as largely peaceful")
    assert q.speaker is not None and q.speaker.name.endswith("Reyes")
    assert not [q for q in ann.quotes if content(ann, q).startswith("Police")]


def test_what_someone_said_about_a_topic() -> None:
    ann = annotate("Voters liked what the mayor said about the budget.")
    assert quote_with(ann, "the budget").cue_text == "said"


def test_a_relative_pronoun_is_the_object_a_cue_takes_back() -> None:
    ann = annotate("The loss, which the mayor conceded when the polls closed, shocked the party.")
    q = quote_with(ann, "which")
    assert q.cue_text == "conceded" and content(ann, q) == "which"


@pytest.mark.parametrize("text", [
    "The minister agreed to a ceasefire on Monday.",
    "The council will debate the budget next week.",
])
def test_accepting_terms_or_debating_a_bill_is_an_act(text: str) -> None:
    assert not annotate(text).quotes


def test_a_frame_content_starts_where_the_clause_holding_the_frame_opens() -> None:
    ann = annotate("Under the new law, agencies, the minister said, must publish their budgets "
                   "every year.")
    said = [content(ann, q) for q in ann.quotes if q.cue_text == "said"]
    assert said and not any("Under the new law" in c for c in said), said
    assert any(c.startswith("must publish their budgets") for c in said), said


def test_a_document_set_off_by_a_participle_still_speaks() -> None:
    ann = annotate("The statement, released late on Monday, called for an immediate ceasefire.")
    assert speaker_of(ann, "an immediate ceasefire") == "The statement"


def test_according_to_a_plan_or_a_rule_names_no_source() -> None:
    ann = annotate("The general said the operation was going according to plan.")
    assert [q.cue_text for q in ann.quotes] == ["said"]
    assert quote_with(annotate("According to the mayor, the vote must wait."),
                      "the vote must wait").cue_text == "According to"


def test_the_clause_before_a_semicolon_is_not_what_the_next_cue_disputes() -> None:
    ann = annotate("The general said the operation was going well; independent observers "
                   "disputed that.")
    assert not [q for q in ann.quotes if q.cue_text == "disputed"
                and content(ann, q).startswith("The general")]


def test_a_share_of_people_holds_a_stance() -> None:
    ann = annotate("Most of the voters support the mayor.")
    assert quote_with(ann, "the mayor").cue_text == "support"
    assert not annotate("Most of the missiles support the launcher.").quotes


def test_a_position_on_a_topic_is_no_quote_and_a_gerund_object_may_be_passive() -> None:
    assert not annotate("Her position on trade has shifted over the years.").quotes
    ann = annotate("Even if they resented being held to those standards, they signed.")
    assert quote_with(ann, "being held to those standards").cue_text == "resented"


def test_a_clause_joined_by_and_after_a_quote_is_no_frame_of_it() -> None:
    ann = annotate('She declared "What a great night!" and said that her campaign would keep '
                   "breaking barriers.")
    assert quote_with(ann, "What a great night").cue_text == "declared"
    assert quote_with(ann, "her campaign would keep breaking barriers").cue_text == "said"


def test_exhorting_and_being_nervous_about() -> None:
    ann = annotate("The senator exhorted her colleagues to vote their conscience.")
    assert quote_with(ann, "her colleagues to vote").cue_text == "exhorted"
    ann = annotate("Many parents are nervous about the new tests.")
    assert quote_with(ann, "the new tests").cue_text == "nervous"


@pytest.mark.parametrize("text", [
    "A soldier threw a grenade behind the wall.",
    "The militants assailed the checkpoint at dawn.",
])
def test_throwing_and_assailing_in_a_fight_are_acts(text: str) -> None:
    assert not annotate(text).quotes


def test_a_person_assailing_a_plan_states_a_view() -> None:
    ann = annotate("The senator assailed the plan.")
    assert quote_with(ann, "the plan").cue_text == "assailed"


def test_an_adjective_with_an_infinitive_is_a_persons_stance_only() -> None:
    assert not annotate("The brigade is ready to move to the front within hours.").quotes
    ann = annotate("The senator is ready to support the bill.")
    assert quote_with(ann, "to support the bill").cue_text == "ready"


def test_a_particle_the_cue_does_not_list_makes_another_verb() -> None:
    assert not annotate("The army called up 10,000 reservists.").quotes
    ann = annotate("The senator laid out her plan.")
    assert quote_with(ann, "her plan").cue_text == "laid"


def test_a_clause_opened_by_a_subordinator_after_a_comma_is_no_frame() -> None:
    ann = annotate("Only half agreed, while 73 percent said the same of the mayor.")
    assert not [q for q in ann.quotes if content(ann, q).startswith("Only half")]
    assert quote_with(ann, "the same of the mayor").cue_text == "said"


def test_saying_yes_or_so_is_an_answer() -> None:
    ann = annotate("Asked if he would run, the senator said yes.")
    assert quote_with(ann, "yes").cue_text == "said"
    ann = annotate("Six in 10 said so in the last poll.")
    assert quote_with(ann, "so").cue_text == "said"


def test_a_cue_with_an_addressee_and_infinitive_joined_to_the_said_clause_is_its_own() -> None:
    ann = annotate('The senator tweeted that the mayor was "lazy" and "a fraud" and encouraged '
                   'voters to "look closely" at his record.')
    assert content(ann, quote_with(ann, "the mayor")) == 'the mayor was "lazy" and "a fraud"'
    assert content(ann, quote_with(ann, "voters")).startswith('voters to "look closely"')


def test_a_speech_noun_in_a_persons_verb_phrase_is_theirs_a_markets_demand_no_quote() -> None:
    ann = annotate("She peppered him with attacks on his record.")
    assert speaker_of(ann, "his record") == "She"
    assert not annotate("The mine has slowed because of the low demand for coal.").quotes


# -- speakers (session 5) --------------------------------------------------------------------


def test_a_participle_on_a_noun_speaks_for_that_noun() -> None:
    ann = annotate("A new survey showing that most residents back the ceasefire was published "
                   "on Friday.")
    assert speaker_of(ann, "most residents") == "A new survey"
    ann = annotate("In the wake of a poll showing that support for the war is falling, the "
                   "president replaced his chief of staff.")
    assert speaker_of(ann, "support for the war") == "a poll"


def test_a_participle_on_what_was_issued_or_where_speaks_for_the_subject() -> None:
    ann = annotate("The ministry released a report showing that shelling had increased.")
    assert speaker_of(ann, "shelling had increased") == "The ministry"
    ann = annotate("Aid workers spoke at a briefing announcing that the convoy had reached "
                   "the city.")
    assert speaker_of(ann, "the convoy had reached") == "Aid workers"


def test_a_participle_of_speech_is_no_part_of_the_speakers_name() -> None:
    ann = annotate("A group of exiled journalists backing the opposition said the vote had "
                   "been rigged.")
    assert speaker_of(ann, "the opposition") == "exiled journalists"


def test_a_subject_the_parser_lost_behind_an_aside_still_speaks() -> None:
    ann = annotate("Kovacs, meanwhile, who has led the party since 2019, said the vote would go "
                   "ahead.")
    assert speaker_of(ann, "the vote would go ahead") == "Kovacs"
    ann = annotate('In a statement to the agency, her chief of staff, Omar Haddad, said: "The '
                   'minister stands by every word."')
    assert speaker_of(ann, "The minister stands by") == "Omar Haddad"


def test_a_second_verb_after_then_keeps_the_first_verbs_subject() -> None:
    ann = annotate("The army chief visited the front on Tuesday, then says the line will hold.")
    assert speaker_of(ann, "the line will hold") == "The army chief"


def test_an_inverted_frame_with_a_pronoun_after_the_verb() -> None:
    ann = annotate('"The shelling has not stopped since dawn," tweeted another.')
    assert speaker_of(ann, "The shelling") == "another"


@pytest.mark.parametrize(("text", "name"), [
    ("A Zelensky adviser said the talks had stalled.", "A Zelensky adviser"),
    ("Netanyahu's lawyers said the hearing should be delayed.", "Netanyahu's lawyers"),
])
def test_a_name_that_only_qualifies_the_speaker_is_not_the_speaker(text: str, name: str) -> None:
    assert annotate(text).quotes[0].speaker.name == name  # type: ignore[union-attr]


def test_the_antecedent_of_a_relative_clause_is_named_by_its_whole_phrase() -> None:
    text = "Senator Ana Ruiz of Ohio, who chairs the panel, said the hearing would be delayed."
    q = quote_with(annotate(text), "the hearing")
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"
    assert q.speaker.span is not None
    assert text[q.speaker.span.start:q.speaker.span.end] == "Senator Ana Ruiz of Ohio"


@pytest.mark.parametrize(("text", "speaker"), [
    ("In an interview on Sunday, the minister rejected the plan outright.", "minister"),
    ("In this poll, the governor leads by five points.", "poll"),
    ("In its report, the agency found no trace of the missing crates.", "its"),
])
def test_a_document_opening_a_sentence_speaks_unless_it_is_the_subjects_words(
        text: str, speaker: str) -> None:
    from faultline.nlp import load_nlp
    from faultline.options import Options

    doc = load_nlp(Options().model)(text)
    prep = doc[0]
    document = next(c for c in prep.children if c.dep_ == "pobj")
    assert document_speaker(document, prep.head, lexicon()).text == speaker


def test_asked_by_someone_the_asker_puts_the_question() -> None:
    ann = annotate("Asked by reporters whether the border would reopen, the minister said it "
                   "would.")
    assert speaker_of(ann, "whether the border would reopen") == "reporters"
    assert speaker_of(ann, "it would") == "the minister"


def test_those_backing_something_back_it_themselves() -> None:
    ann = annotate("Analysts noted that most of those backing the truce live in the capital.")
    assert speaker_of(ann, "the truce") == "those"


def test_the_object_of_use_or_have_is_no_speaker() -> None:
    ann = annotate("The envoy used the briefing to call for an immediate ceasefire.")
    assert speaker_of(ann, "an immediate ceasefire") == "The envoy"
    ann = annotate("The ministry had nothing to say about the strikes.")
    assert speaker_of(ann, "the strikes") == "The ministry"


def test_a_name_after_the_noun_it_names_speaks() -> None:
    ann = annotate("The state news agency KCNA said the launch was a routine drill.")
    assert speaker_of(ann, "the launch") == "KCNA"


def test_a_heading_label_before_a_colon_names_the_speaker() -> None:
    ann = annotate("UN Envoy: Aid Convoys Must Reach Gaza Now. The envoy spoke in Geneva on "
                   "Monday.")
    assert speaker_of(ann, "Aid Convoys Must Reach") == "UN Envoy"


def test_a_person_named_in_a_relative_clause_inside_the_speakers_phrase_is_not_them() -> None:
    ann = annotate("Many of the aid workers who had met Olena Kovalenko said the convoy was "
                   "turned back.")
    assert speaker_of(ann, "the convoy was turned back") == "Many of the aid workers"


def test_a_pronoun_in_a_clause_with_a_named_subject_is_that_subject() -> None:
    ann = annotate("Senator Ana Ruiz, who has met Ahmed Haddad twice, offered a cautious "
                   "welcome, stressing in her remarks that the talks would go on.")
    assert speaker_of(ann, "the talks would go on") == "Ana Ruiz"


def test_a_subject_pronoun_stands_for_the_named_subject_of_the_sentence_before() -> None:
    ann = annotate("Maria Ruiz met the envoy Ahmed Haddad on Monday. Later she said the talks "
                   "would go on.")
    assert speaker_of(ann, "the talks would go on") == "Maria Ruiz"


def test_it_stands_for_the_body_that_was_the_subject_before() -> None:
    ann = annotate("The ministry denied the report. It said the convoy had been searched at the "
                   "border.")
    assert speaker_of(ann, "the convoy had been searched") == "The ministry"


def test_a_relative_clause_after_people_in_a_place_is_about_the_people() -> None:
    ann = annotate("Officials in Kyiv, who declined to be identified, said the drones had been "
                   "launched from Belarus.")
    assert speaker_of(ann, "the drones") == "Officials in Kyiv"
    assert speaker_of(ann, "to be identified") == "Officials in Kyiv"


@pytest.mark.parametrize(("text", "words", "name"), [
    ("According to a statement from the defence ministry, at least 40 people were killed.",
     "at least 40", "the defence ministry"),
    ("The army's statement said the strikes had hit only military sites.", "the strikes",
     "The army"),
])
def test_a_document_someone_issued_speaks_for_them(text: str, words: str, name: str) -> None:
    ann = annotate(text)
    assert speaker_of(ann, words) == name
    q = quote_with(ann, words)
    assert q.speaker is not None and q.speaker.span is not None
    assert "statement" in text[q.speaker.span.start:q.speaker.span.end]


def test_in_an_interview_a_named_subject_speaks() -> None:
    ann = annotate("In an interview with a local radio station, Ham made it clear that he would "
                   "not run.")
    assert speaker_of(ann, "Ham made it clear") == "Ham"


# -- a source's anonymity (cues.yaml anonymity_verbs) --------------------------------------

@pytest.mark.parametrize("verb", ["named", "identified", "quoted"])
def test_asking_not_to_be_named_is_no_content(verb: str) -> None:
    ann = annotate(f"A border guard, who asked not to be {verb}, said the crossing had closed.")
    assert [content(ann, q) for q in ann.quotes] == ["the crossing had closed"]
    assert speaker_of(ann, "the crossing had closed") == "A border guard"


# -- a said clause the parser hung on the noun before it -----------------------------------

@pytest.mark.parametrize("text", [
    "A defence ministry spokesman told a weekly briefing that the drills would go ahead.",
    "Ana Ruiz told reporters on a conference call that the drills would go ahead.",
])
def test_a_that_clause_with_its_own_subject_after_the_object_is_the_verbs(text: str) -> None:
    ann = annotate(text)
    q = quote_with(ann, "the drills would go ahead")
    assert q.cue_text == "told" and q.speaker is not None


def test_a_that_clause_on_a_claim_noun_stays_the_nouns() -> None:
    ann = annotate("The army rejected the claim that its units had shelled the market.")
    assert not [q for q in ann.quotes if q.cue_text == "rejected"
                and content(ann, q).startswith("its units")]


def test_a_post_on_a_platform_tells_where_it_was_said() -> None:
    ann = annotate("In a post on Telegram, the governor said the bridge was closed. "
                   "\"Stay home,\" the mayor wrote in a message on X.")
    assert sorted(content(ann, q) for q in ann.quotes) == ["Stay home", "the bridge was closed"]
    ann = annotate("The governor wrote a long post about the flooding.")
    assert [content(ann, q) for q in ann.quotes] == ["the flooding"]


@pytest.mark.parametrize(("text", "words"), [
    ("The senator denounced the annexation in a televised tirade on Monday.", "the annexation"),
    ("The governor criticised the budget at a rally in Dayton.", "the budget"),
    ("The envoy condemned the shelling during a visit to the port.", "the shelling"),
])
def test_the_occasion_words_were_said_on_is_not_what_was_said(text: str, words: str) -> None:
    ann = annotate(text)
    assert [content(ann, q) for q in ann.quotes] == [words]


def test_a_phrase_on_what_was_criticised_stays_in_the_content() -> None:
    ann = annotate("The envoy condemned the strikes on civilians in the east.")
    assert [content(ann, q) for q in ann.quotes] == ["the strikes on civilians in the east"]


def test_the_official_is_the_one_last_mentioned_not_an_earlier_titled_name() -> None:
    text = ("Militia official Ilya Morozov told reporters the bridge had fallen. "
            "A senior NATO official, who asked not to be named, said the alliance was watching. "
            "\"Nobody wants a wider war,\" the official said.")
    assert speaker_of(annotate(text), "Nobody wants") == "A senior NATO official"
    # with no unnamed one between, the title still names the person
    text = ("Militia official Ilya Morozov told reporters the bridge had fallen. "
            "\"We will hold the river,\" the official said.")
    assert speaker_of(annotate(text), "We will hold") == "Ilya Morozov"


@pytest.mark.parametrize("text, said", [
    ("A senior official, who spoke on condition of anonymity to discuss internal "
     "deliberations, said the talks had stalled.", "the talks had stalled"),
    ("Two diplomats, who were not authorized to discuss the negotiations publicly, said a "
     "deal was close.", "a deal was close"),
    ("The officials said the convoy had turned back, speaking because they were not "
     "permitted to describe the plans.", "the convoy had turned back"),
])
def test_the_terms_a_source_spoke_on_are_not_what_was_said(text: str, said: str) -> None:
    ann = annotate(text)
    assert [content(ann, q) for q in ann.quotes] == [said]


def test_it_stands_for_a_body_not_for_a_plural_subject_between() -> None:
    ann = annotate("The health ministry said 14 people were killed in the strike, which it "
                   "described as a massacre.")
    q = next(q for q in ann.quotes if q.cue_text == "described")
    assert q.speaker is not None and q.speaker.name == "The health ministry"


def test_a_straight_quote_after_the_full_stop_closes_the_content() -> None:
    ann = annotate('Interfax quoted a senior diplomat as saying that Moscow was ready for talks '
                   '"without preconditions."\n\nThe agency gave no other details.')
    assert content(ann, quote_with(ann, "Moscow was ready")).endswith('preconditions."')


def test_a_clause_subject_parsed_as_the_cue_object_stays_in_the_content() -> None:
    ann = annotate("State news agency TASS cited Deputy Foreign Minister Sergei Ryabkov as "
                   "saying the risk of a direct clash with NATO was growing.")
    assert content(ann, quote_with(ann, "the risk")).endswith("was growing")


def test_a_juxtaposed_source_ends_the_content_before_it() -> None:
    ann = annotate("The minister accused the opposition of exaggerating the danger while doctors "
                   "and nurses warned of a shortage of beds.")
    accused = next(q for q in ann.quotes if q.cue_text == "accused")
    assert content(ann, accused) == "the opposition of exaggerating the danger"
    ann = annotate("The army denied shelling the town while aid groups reported dozens of "
                   "casualties.")
    assert [content(ann, q) for q in ann.quotes] == ["shelling the town", "dozens of casualties"]


@pytest.mark.parametrize("text, said", [
    ("He vowed to rebuild the army, secure the border, and restore the currency.",
     "to rebuild the army, secure the border, and restore the currency"),
    ("She was discussing the harvest, soldiers' pay, the railway or a new governor for the "
     "province.", "the harvest, soldiers' pay, the railway or a new governor for the province"),
])
def test_a_list_runs_on_to_its_last_item(text: str, said: str) -> None:
    ann = annotate(text)
    assert [content(ann, q) for q in ann.quotes] == [said]


def test_a_participle_after_a_comma_is_still_the_writers_aside() -> None:
    ann = annotate("The army said it had repelled the attack, killing dozens of militants and "
                   "wounding 30.")
    assert [content(ann, q) for q in ann.quotes] == ["it had repelled the attack"]


def test_he_after_a_long_quotation_reaches_back_past_it_to_the_one_who_spoke() -> None:
    text = ("The commander of the eastern brigade described the night to reporters.\n\n"
            "\"We held the line until four in the morning. The shelling did not stop for a "
            "minute.\n\n\"By dawn we had lost contact with two platoons,\" he said.")
    ann = annotate(text)
    assert speaker_of(ann, "By dawn") == "The commander of the eastern brigade"


def test_a_quoted_title_with_no_cue_nor_speaker_is_no_quote() -> None:
    text = ("Three documentaries about the siege were screened at the festival.\n\n"
            "\u201cThe Long Winter\u201d\n\n"
            "The first follows a family in the old town.")
    assert annotate(text).quotes == []
    text = ("The mayor spoke to the crowd for an hour.\n\n"
            "\u201cWe will rebuild every house,\u201d she said.\n\n"
            "\u201cIt is our city.\u201d")
    ann = annotate(text)
    assert speaker_of(ann, "It is our city") == "The mayor"


def test_an_act_on_oneself_inside_a_quotation_is_no_quote_of_its_own() -> None:
    ann = annotate('"We have the right to defend ourselves," the minister said.')
    assert [content(ann, q) for q in ann.quotes] == ["We have the right to defend ourselves"]


def test_a_body_named_again_speaks_for_itself_not_for_its_spokesman() -> None:
    text = ("A spokesman for the Israeli military, Lt. Col. Avichay Adraee, said the strikes hit "
            "weapons depots. The military later said one of its soldiers had been lightly "
            "wounded.")
    ann = annotate(text)
    assert speaker_of(ann, "the strikes hit") == "Avichay Adraee"
    assert speaker_of(ann, "one of its soldiers") == "The military"
