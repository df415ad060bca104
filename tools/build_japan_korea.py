"""Build the Japan–South Korea dataset that ships with tradedispute.

Every event cites a source recorded in the research notes on the
2019–2023 export-control dispute; where sources disagree on a date, the
event's note says which date was taken and why. See docs/record.md.

Regenerate the shipped file with ``python tools/build_japan_korea.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tradedispute import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    DemandMade,
    DemandMet,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    Event,
    EventLog,
    ExportControlStrengthened,
    NextMeeting,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    Source,
    TalksHeld,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOPanelEstablished,
    WTOPanelRequested,
)

D = dt.date
OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "tradedispute"
    / "datasets"
    / "japan-korea.jsonl"
)

THREE_MATERIALS = frozenset(
    {"fluorinated polyimide", "photoresist", "hydrogen fluoride"}
)
DEMAND = "restore export rules to the level before July 2019"
JPN_KOR = frozenset({"JPN", "KOR"})

# --- sources (all quoted in /work/research/japan-korea.md) --------------------

METI_WTO = Source(
    title="Japan to Hold Consultations with the Government of the ROK under the "
    "WTO Agreement Regarding Japan's Update of Licensing Policies and Procedures "
    "on Exports of Controlled Items to the ROK",
    publisher="METI",
    published=D(2019, 11, 8),
    url="https://www.meti.go.jp/english/press/2019/1108_001.html",
)
REUTERS_JULY_MEETING = Source(
    title="Japan tells South Korea officials export curbs are not countermeasures",
    publisher="Reuters",
    published=D(2019, 7, 12),
    url="https://www.reuters.com/article/us-southkorea-japan-laborers-briefing/"
    "japan-tells-south-korea-officials-export-curbs-are-not-countermeasures-"
    "idUSKCN1U71JL",
)
TAIWAN_NEWS_WHITELIST = Source(
    title="Japan's Cabinet approves removal of S. Korea from 'white list'",
    publisher="Taiwan News",
    published=D(2019, 8, 2),
    url="https://www.taiwannews.com.tw/en/news/3757144",
)
YONHAP_GSOMIA_NOTICE = Source(
    title="(LEAD) S. Korea officially notifies Japan of intent to end military pact",
    publisher="Yonhap",
    published=D(2019, 8, 23),
    url="https://m-en.yna.co.kr/view/AEN20190823004651325",
)
ITT_KOR_WHITELIST = Source(
    title="South Korea Officially Removes Japan From Trading List",
    publisher="International Trade Today",
    published=D(2019, 9, 20),
    url="https://internationaltradetoday.com/article/2019/09/20/"
    "south-korea-officially-removes-japan-from-trading-list-1909190029",
)
JIJI_WTO_SECOND_ROUND = Source(
    title="Japan, S. Korea Remain Apart in 2nd-Round WTO Talks",
    publisher="Jiji Press",
    published=D(2019, 11, 20),
    url="https://sp.m.jiji.com/english/show/1365",
)
YONHAP_GSOMIA_SUSPENDED = Source(
    title="(LEAD) S. Korea decides to 'conditionally' suspend termination of "
    "Seoul-Tokyo military pact",
    publisher="Yonhap",
    published=D(2019, 11, 22),
    url="https://m-en.yna.co.kr/view/AEN20191122008800315",
)
XINHUA_VIENNA = Source(
    title="Japanese, S. Korean senior trade officials to discuss tightened export "
    "controls",
    publisher="Xinhua",
    published=D(2019, 12, 5),
    url="http://www.xinhuanet.com/english/2019-12/05/c_138608626.htm",
)
NNA_SEVENTH_DIALOGUE = Source(
    title='Japan, South Korea improve "mutual understanding" on export controls',
    publisher="NNA / Kyodo",
    published=D(2019, 12, 17),
    url="https://english.nna.jp/articles/3270",
)
YONHAP_PHOTORESIST = Source(
    title="Japan to ease export curbs against S. Korea",
    publisher="Yonhap",
    published=D(2019, 12, 20),
    url="https://m-en.yna.co.kr/view/AEN20191220009100320",
)
YONHAP_SUMMIT_2019 = Source(
    title="(3rd LD) Moon urges Abe to completely retract export restrictions "
    "against Seoul",
    publisher="Yonhap",
    published=D(2019, 12, 24),
    url="https://m-en.yna.co.kr/view/AEN20191223007753315",
)
NNA_ENTRY = Source(
    title="Japan begins coronavirus travel curbs for China, South Korea",
    publisher="NNA / Kyodo",
    published=D(2020, 3, 9),
    url="https://english.nna.jp/articles/8020",
)
YONHAP_ENTRY = Source(
    title="(3rd LD) Japan to tighten entry restriction on arrivals from South "
    "Korea over virus concerns",
    publisher="Yonhap",
    published=D(2020, 3, 5),
    url="https://m-en.yna.co.kr/view/AEN20200305010853325",
)
REUTERS_KOR_VISAS = Source(
    title="S. Korea suspends visas for Japanese amid tit-for-tat coronavirus curbs",
    publisher="Reuters (via Financial Post)",
    published=D(2020, 3, 6),
    url="https://business.financialpost.com/pmn/business-pmn/"
    "s-korea-suspends-visas-for-japanese-amid-tit-for-tat-coronavirus-curbs",
)
SEED = Source(
    title="S. Korea, Japan end marathon talks with no deal",
    publisher="Yonhap",
    published=D(2020, 3, 11),
)
ARIRANG_RESUME = Source(
    title="S. Korea to reopen WTO complaint regarding Japan's export curbs",
    publisher="Arirang News",
    published=D(2020, 6, 2),
    url="https://wideo.ovh/video/x7u94sk/"
    "s.-korea-to-reopen-wto-complaint-regarding-japan's-export-curbs",
)
JIJI_PANEL_REQUEST = Source(
    title="S. Korea Seeks WTO Panel over Japan's Export Controls",
    publisher="Jiji Press (via nippon.com)",
    published=D(2020, 6, 19),
    url="https://www.nippon.com/en/news/yjj2020061801133/"
    "s-korea-seeks-wto-panel-over-japan's-export-controls.html",
)
KOREA_HERALD_PANEL = Source(
    title="WTO establishes panel for Korea's complaint over Japan's trade restrictions",
    publisher="The Korea Herald",
    published=D(2020, 7, 29),
    url="http://www.koreaherald.com/view.php?ud=20200729000885",
)
KOREA_HERALD_JPN_VISAS = Source(
    title="Visa waivers to Japan resume, with expectations for economic recovery",
    publisher="The Korea Herald (via Daum)",
    published=D(2022, 10, 11),
    url="https://v.daum.net/v/20221011155028199",
)
NHK_KOR_VISAS = Source(
    title="S.Korea to permit visa-free travel from Japan in November",
    publisher="NHK (via News On Japan)",
    published=D(2022, 10, 20),
    url="https://newsonjapan.com/html/newsdesk/article/135901.php",
)
YONHAP_HALT = Source(
    title="S. Korea to halt WTO complaint process on Japan's export controls",
    publisher="Yonhap",
    published=D(2023, 3, 6),
    url="https://m-en.yna.co.kr/view/AEN20230306006251320",
)
METI_DIALOGUE_2023 = Source(
    title="Japan-Korea Export Control Policy Dialogue Held",
    publisher="METI",
    published=D(2023, 3, 16),
    url="https://www.meti.go.jp/english/press/2023/0316_001.html",
)
KBS_SUMMIT_2023 = Source(
    title="S. KOREA, JAPAN TO RESUME SHUTTLE DIPLOMACY",
    publisher="KBS News",
    published=D(2023, 3, 17),
    url="https://news.kbs.co.kr/news/view.do?ncd=7629092",
)
KOREA_HERALD_GSOMIA = Source(
    title="Korea readies to normalize GSOMIA",
    publisher="The Korea Herald",
    published=D(2023, 3, 21),
    url="https://www.koreaherald.com/view.php?ud=20230321000576",
)
NEWS1_LIFTED = Source(
    title="Government withdraws Japan’s WTO complaint over \u2018export "
    "restrictions’… Administrative notice of \u2018white list restoration’",
    publisher="News1 (translated, via newsrebeat.com)",
    published=D(2023, 3, 23),
    url="https://newsrebeat.com/world-news/154233.html",
)
ASIAE_KOR_WHITELIST = Source(
    title="Government to Reinstate Japan's White List from the 24th",
    publisher="Asia Economy (English)",
    published=D(2023, 4, 24),
    url="https://cm.asiae.co.kr/en/article/2023042407380895785",
)
DONGA_JPN_WHITELIST = Source(
    title="S. Korea reinstated in Japan’s whitelist in 4 years",
    publisher="The Dong-A Ilbo",
    published=D(2023, 6, 28),
    url="https://donga.com/en/article/all/20230628/4252885/1",
)


def build_events() -> list[Event]:
    """Return the Japan–Korea record, in the order it is written."""
    events: list[Event] = [
        # --- 2019: the curbs and the answers ---------------------------------
        RestrictionImposed(
            id="jpn-licences-2019-07",
            actor="JPN",
            target="KOR",
            items=THREE_MATERIALS,
            measure="individual export licence",
            announced=D(2019, 7, 1),
            effective=D(2019, 7, 4),
            note="Announced 2019-07-01 (METI press release 2019-09-03; Baker "
            "McKenzie; JIIA 2019-07-17), in force from 2019-07-04 (METI "
            "2019-11-08). 'Resist' in METI's wording is photoresist; hydrogen "
            "fluoride is the etching gas. No disagreement between sources.",
            source=METI_WTO,
        ),
        TalksHeld(
            id="talks-2019-07-12",
            parties=JPN_KOR,
            level="working level",
            format="in person",
            outcome="no_deal",
            effective=D(2019, 7, 12),
            note="METI-MOTIE working-level meeting at METI, Tokyo; Japan called it "
            "an explanation, not a consultation. Scheduled for one hour, it "
            "lasted 'more than five hours' (Reuters; US Embassy Tokyo media "
            "highlights 2019-07-13), so no exact duration is recorded. The "
            "sides disagreed afterwards on whether Korea asked for withdrawal.",
            source=REUTERS_JULY_MEETING,
        ),
        WhitelistRemoved(
            id="jpn-whitelist-2019-08",
            actor="JPN",
            target="KOR",
            list_name="Group A",
            announced=D(2019, 8, 2),
            effective=D(2019, 8, 28),
            note="Cabinet decision 2019-08-02 (Taiwan News; NHK), promulgated "
            "in the gazette 2019-08-07 (NHK via Teller Report; AsiaToday; KBS), "
            "in force 2019-08-28, 21 days after promulgation (NHK, KBS, "
            "AsiaToday, Taiwan News, US Embassy Tokyo media highlights "
            "2019-08-28). Disagreement: a CISTEC slide deck (2019-11-01) says "
            "'effective Aug 7' and a Wikipedia mirror says 'on 2 August 2019'; "
            "those are the promulgation and cabinet dates, so 2019-08-28, given "
            "by every other source, is taken as effective.",
            source=TAIWAN_NEWS_WHITELIST,
        ),
        AgreementTerminationNoticed(
            id="kor-gsomia-notice-2019-08",
            actor="KOR",
            target="JPN",
            agreement="GSOMIA",
            announced=D(2019, 8, 22),
            effective=D(2019, 8, 23),
            note="NSC decision announced 2019-08-22 (Yonhap 2019-08-22, "
            "https://en.yna.co.kr/view/AEN20190822011700315); note verbale "
            "handed to Ambassador Nagamine 2019-08-23. The pact would have "
            "expired at the end of 2019-11-22 (90-day notice).",
            source=YONHAP_GSOMIA_NOTICE,
        ),
        WTOComplaintFiled(
            id="kor-ds590-2019-09",
            actor="KOR",
            target="JPN",
            case="DS590",
            subject="Japan - Measures related to the Exportation of Products and "
            "Technology to Korea (licensing of fluorinated polyimide, "
            "photoresist and hydrogen fluoride)",
            effective=D(2019, 9, 11),
            note="Request for consultations made 2019-09-11 (METI 2019-11-08; US "
            "Embassy Tokyo media highlights 2019-09-11). Disagreement: Law360 "
            "(2019-09-16) and Iran Daily (2019-09-17) date the filing to "
            "2019-09-16, which is when WTO circulated WT/DS590/1 to members "
            "(EU communication WT/DS590/3); the date of the request, "
            "2019-09-11, is taken.",
            source=METI_WTO,
        ),
        WhitelistRemoved(
            id="kor-whitelist-2019-09",
            actor="KOR",
            target="JPN",
            list_name="Ga",
            announced=D(2019, 8, 12),
            effective=D(2019, 9, 18),
            note="Announced by Minister Sung Yun-mo 2019-08-12 (Dong-A Ilbo "
            "2019-08-13; METI 2019-09-03); comments collected until 2019-09-03 "
            "(KBS World); in force 2019-09-18 (International Trade Today; Taipei "
            "Times; Japan Times). Group Ga was split into Ga-1 and Ga-2 (Japan "
            "alone). A JQK News piece dates the decision 'August 14', the "
            "posting of the administrative notice; 2019-08-12, the public "
            "announcement, is taken as announced.",
            source=ITT_KOR_WHITELIST,
        ),
        TalksHeld(
            id="wto-consultations-2019-10-11",
            parties=JPN_KOR,
            level="director general",
            format="in person",
            outcome="no_deal",
            effective=D(2019, 10, 11),
            note="First WTO consultations under DS590, Geneva (METI 2019-10-12, "
            "https://www.meti.go.jp/english/press/2019/1012_001.html); led by "
            "Junichiro Kuroda (METI) and Chung Hae-kwan (MOTIE). No agreement; "
            "a second round was set for 2019-11-19.",
            next_meeting=NextMeeting(place="Geneva", date=D(2019, 11, 19)),
            source=METI_WTO,
        ),
        TalksHeld(
            id="wto-consultations-2019-11-19",
            parties=JPN_KOR,
            level="director general",
            format="in person",
            outcome="no_deal",
            effective=D(2019, 11, 19),
            note="Second WTO consultations under DS590, WTO headquarters, "
            "Geneva; 'over six and a half hours with a break' (a lower bound, so "
            "no exact duration is recorded). The sides 'remained apart'.",
            source=JIJI_WTO_SECOND_ROUND,
        ),
        AgreementTerminationSuspended(
            id="kor-gsomia-suspended-2019-11",
            actor="KOR",
            target="JPN",
            agreement="GSOMIA",
            effective=D(2019, 11, 22),
            note="'Conditional' suspension announced about six hours before the "
            "pact's scheduled expiry at the end of 2019-11-22.",
            source=YONHAP_GSOMIA_SUSPENDED,
        ),
        WTOComplaintDropped(
            id="kor-ds590-suspended-2019-11",
            actor="KOR",
            target="JPN",
            case="DS590",
            mode="suspended",
            effective=D(2019, 11, 22),
            note="WTO process halted 'while negotiations with Japan ... go on', "
            "announced with the GSOMIA suspension (Yonhap 2019-11-22); the "
            "date is confirmed by Arirang News 2020-06-02 ('temporarily "
            "suspended on November 22nd last year').",
            source=YONHAP_GSOMIA_SUSPENDED,
        ),
        TalksHeld(
            id="talks-2019-12-04",
            parties=JPN_KOR,
            level="director general",
            format="in person",
            outcome="progress",
            next_meeting=NextMeeting(place="Tokyo", date=D(2019, 12, 16)),
            effective=D(2019, 12, 4),
            note="Bureau-chief-level preparatory meeting in Vienna ('on "
            "Wednesday', Xinhua 2019-12-05); agreed to hold the 7th policy "
            "dialogue in Tokyo on 2019-12-16 (KBS World, 2019-12-05).",
            source=XINHUA_VIENNA,
        ),
        TalksHeld(
            id="talks-2019-12-16",
            parties=JPN_KOR,
            level="director general",
            format="in person",
            duration_hours=10,
            outcome="progress",
            next_meeting=NextMeeting(place="Seoul", timing="at an early date"),
            announced=D(2019, 12, 5),
            effective=D(2019, 12, 16),
            note="7th export-control policy dialogue, Tokyo, the first since June "
            "2016; Yoichi Iida (METI) and Lee Ho-hyeon (MOTIE). About 10 hours, "
            "three over schedule (Japan Times 2019-12-16). Improved 'mutual "
            "understanding', nothing eased. Announced for 'the third week of "
            "December' on 2019-11-29 (Japan Times/Kyodo); the date 2019-12-16 "
            "was announced 2019-12-05 (Xinhua; KBS World).",
            source=NNA_SEVENTH_DIALOGUE,
        ),
        RestrictionEased(
            id="jpn-photoresist-eased-2019-12",
            actor="JPN",
            target="KOR",
            items={"photoresist"},
            detail="special general bulk export licence (up to 3 years) between "
            "continuing exporter-importer pairs",
            effective=D(2019, 12, 20),
            note="METI revised the operation of its licensing guideline on "
            "2019-12-20 (Yonhap 2019-12-20; Kyodo via y-ic.de). No separate "
            "effective date was found, so the announcement day is taken. "
            "Fluorinated polyimide and hydrogen fluoride stayed under "
            "individual licences.",
            source=YONHAP_PHOTORESIST,
        ),
        TalksHeld(
            id="summit-2019-12-24",
            parties=JPN_KOR,
            level="summit",
            format="in person",
            duration_hours=50 / 60,
            outcome="no_deal",
            announced=D(2019, 12, 20),
            effective=D(2019, 12, 24),
            note="Moon Jae-in and Shinzo Abe in Chengdu, on the sidelines of the "
            "8th China-Japan-ROK trilateral; scheduled for 30 minutes, lasted "
            "about 50. Announced by Cheong Wa Dae 2019-12-20 (Yonhap). "
            "Disagreement: Yonhap 2019-12-22 places the trilateral in Beijing; "
            "Yonhap 2019-12-20 and Korea Herald 2019-12-24 say Chengdu (Moon "
            "met Xi in Beijing on 2019-12-23), so Chengdu is taken.",
            source=YONHAP_SUMMIT_2019,
        ),
        DemandMade(
            id="kor-demand-2019-12-24",
            actor="KOR",
            target="JPN",
            demand=DEMAND,
            effective=D(2019, 12, 24),
            note="Moon urged Abe at the Chengdu summit to retract the curbs "
            "completely, to how they were before July 1 (Yonhap; KBS World "
            "2019-12-24).",
            source=YONHAP_SUMMIT_2019,
        ),
        # --- March 2020: borders close; the 8th dialogue ---------------------
        EntryRestrictionImposed(
            id="jpn-quarantine-kor-2020-03",
            actor="JPN",
            target="KOR",
            quarantine_days=14,
            detail="arrivals asked to stay at designated places and avoid public "
            "transport",
            announced=D(2020, 3, 5),
            effective=D(2020, 3, 9),
            note="Announced by Abe 2020-03-05 (Japan Times; Yonhap), from 00:00 "
            "on 2020-03-09, initially through 2020-03-31. Extended and then "
            "relaxed in steps; the record takes it as lifted on 2022-10-11, see "
            "jpn-entry-lifted-kor-2022-10.",
            source=NNA_ENTRY,
        ),
        EntryRestrictionImposed(
            id="jpn-quarantine-chn-2020-03",
            actor="JPN",
            target="CHN",
            quarantine_days=14,
            detail="arrivals asked to stay at designated places and avoid public "
            "transport",
            announced=D(2020, 3, 5),
            effective=D(2020, 3, 9),
            note="Announced by Abe 2020-03-05 (Japan Times), from 00:00 on "
            "2020-03-09, initially through 2020-03-31. No lifting date is "
            "sourced, so the record leaves it in force.",
            source=NNA_ENTRY,
        ),
        VisaWaiverSuspended(
            id="jpn-visa-waiver-2020-03",
            actor="JPN",
            target="KOR",
            visas_invalidated=True,
            announced=D(2020, 3, 5),
            effective=D(2020, 3, 9),
            note="90-day visa waiver suspended and issued visas (about 17,000 "
            "for South Koreans) invalidated from 2020-03-09 (Yonhap 2020-03-05; "
            "NNA/Kyodo 2020-03-09; KBS World).",
            source=YONHAP_ENTRY,
        ),
        VisaWaiverSuspended(
            id="kor-visa-waiver-2020-03",
            actor="KOR",
            target="JPN",
            visas_invalidated=True,
            announced=D(2020, 3, 6),
            effective=D(2020, 3, 9),
            note="Announced by Vice FM Cho Sei-young 2020-03-06 ('From March 9', "
            "Reuters via National Post); in force 2020-03-09 (Korea.net via "
            "Global Korean Post 2020-03-14). Reciprocity for Japan's measures.",
            source=REUTERS_KOR_VISAS,
        ),
        # The seed article dates Seoul's renewed call and the staff increase it
        # cited to "last week"; the day is not sourced, so both are dated to
        # the last day of that week, as in examples/march_2020.py.
        DemandMade(
            id="kor-demand-renewed-2020-03",
            actor="KOR",
            target="JPN",
            demand=DEMAND,
            effective=D(2020, 3, 8),
            note="Renewed 'last week' per the article of 2020-03-11 (Minister "
            "Sung Yun-mo at a meeting of related ministers, Korea Herald "
            "2020-03-10); the exact day in 2020-03-02..08 is not sourced, so "
            "the last day of that week is used.",
            source=SEED,
        ),
        ExportControlStrengthened(
            id="kor-kosti-staff-2020-03",
            actor="KOR",
            target="JPN",
            detail="25% more staff at the Korea Security Agency of Trade and "
            "Industry; related organizations restructured",
            effective=D(2020, 3, 8),
            note="Cited by Seoul 'last week' per the article of 2020-03-11; the "
            "day is not sourced, so the last day of that week is used. KBS "
            "World (German) reported the plan in December 2019 (KOSTI, the "
            "Korea Strategic Trade Institute, 56 to 70 staff); no source read "
            "dates the increase itself, and none confirms that KOSTI and the "
            "article's 'Korea Security Agency of Trade and Industry' are the "
            "same body.",
            source=SEED,
        ),
        TalksHeld(
            id="talks-2020-03-10",
            parties=JPN_KOR,
            level="director general",
            format="video",
            duration_hours=16,
            outcome="no_deal",
            agreed={"boost cooperation on export control policy"},
            next_meeting=NextMeeting(place="Seoul", timing="near future"),
            announced=D(2020, 2, 21),
            effective=D(2020, 3, 10),
            note="8th policy dialogue; Lee Ho-hyeon (MOTIE, Seoul) and Yoichi "
            "Iida (METI, at the Korean embassy in Tokyo). Agreed 2020-02-21 for "
            "Seoul in person (Jiji via nippon.com); moved to video 2020-03-06. "
            "Began the morning of 2020-03-10 and ran nearly 16 hours into "
            "2020-03-11 (Japan Times/Kyodo 2020-03-11; Korea Herald "
            "2020-03-10).",
            source=SEED,
        ),
        # --- 2020: the WTO case resumes --------------------------------------
        WTOComplaintResumed(
            id="kor-ds590-resumed-2020-06",
            actor="KOR",
            target="JPN",
            case="DS590",
            effective=D(2020, 6, 2),
            note="Announced by MOTIE on 2020-06-02 (Arirang News; BusinessKorea; "
            "KBS News 2020-06-03) after Japan gave no answer by the end-May "
            "deadline.",
            source=ARIRANG_RESUME,
        ),
        WTOPanelRequested(
            id="kor-ds590-panel-requested-2020-06",
            actor="KOR",
            target="JPN",
            case="DS590",
            effective=D(2020, 6, 18),
            note="Filed by Korea's mission in Geneva 'on Thursday' 2020-06-18 "
            "(Jiji; NHK 2020-06-18). Blocked by Japan at the DSB on 2020-06-29. "
            "A KBS World item stamped 2020-06-15 also says 'on Thursday'; its "
            "date stamp precedes that Thursday and is taken to be unreliable.",
            source=JIJI_PANEL_REQUEST,
        ),
        WTOPanelEstablished(
            id="kor-ds590-panel-established-2020-07",
            actor="KOR",
            target="JPN",
            case="DS590",
            effective=D(2020, 7, 29),
            note="Established at Korea's second request at the DSB meeting of "
            "2020-07-29 (Korea Herald; AP via WTOP).",
            source=KOREA_HERALD_PANEL,
        ),
        # --- 2022: visa waivers restored --------------------------------------
        VisaWaiverRestored(
            id="jpn-visa-waiver-restored-2022-10",
            actor="JPN",
            target="KOR",
            announced=D(2022, 9, 22),
            effective=D(2022, 10, 11),
            note="Announced by Kishida in New York 2022-09-22 (UPI), in force "
            "2022-10-11 for 68 countries and regions including South Korea "
            "(Korea Herald). The quarantine request on arrivals from South "
            "Korea is taken as lifted the same day: jpn-entry-lifted-kor-2022-10.",
            source=KOREA_HERALD_JPN_VISAS,
        ),
        EntryRestrictionLifted(
            id="jpn-entry-lifted-kor-2022-10",
            actor="JPN",
            target="KOR",
            announced=D(2022, 9, 22),
            effective=D(2022, 10, 11),
            note="The March 2020 quarantine request was relaxed in steps: "
            "short-term business travellers from South Korea with a negative "
            "test were exempt from 2020-10-08 (Japanese Foreign Ministry via "
            "Sputnik/UrduPoint, 2020-10-06); designated-facility quarantine "
            "ended for arrivals testing negative from 2022-05-17 (Jiji via "
            "nippon.com, 2022-05-16). The record takes it as lifted when Japan "
            "reopened on 2022-10-11, which the Korea Herald reports as 'lifting "
            "COVID-19-induced restrictions for South Koreans visiting Japan'. "
            "A judgement: from then arrivals needed three vaccine doses or a "
            "negative test, not quarantine.",
            source=KOREA_HERALD_JPN_VISAS,
        ),
        VisaWaiverRestored(
            id="kor-visa-waiver-restored-2022-11",
            actor="KOR",
            target="JPN",
            announced=D(2022, 10, 19),
            effective=D(2022, 11, 1),
            note="Full restoration from 2022-11-01, announced 2022-10-19 (NHK; "
            "Taiwan News 2022-10-19). Before that, a temporary visa-free window "
            "for Japanese (announced 2022-08-04 for 2022-08-04..31, extended on "
            "2022-08-31 by two months; Taiwan News 2022-08-31) applied; the "
            "record dates the restoration to the full restoration, not to that "
            "temporary window.",
            source=NHK_KOR_VISAS,
        ),
        # --- 2023: settlement ------------------------------------------------
        WTOComplaintDropped(
            id="kor-ds590-halted-2023-03",
            actor="KOR",
            target="JPN",
            case="DS590",
            mode="suspended",
            effective=D(2023, 3, 6),
            note="MOTIE halted the WTO procedure while bilateral consultations "
            "go on, explicitly not yet a withdrawal (Yonhap 2023-03-06; METI "
            "Minister Nishimura 2023-03-07).",
            source=YONHAP_HALT,
        ),
        TalksHeld(
            id="talks-2023-03-14",
            parties=JPN_KOR,
            level="director general",
            format="in person",
            outcome="agreement",
            agreed={
                "return the three items to special general bulk export licences",
                "Korea withdraws its WTO complaint DS590",
            },
            effective=D(2023, 3, 14),
            note="9th export-control policy dialogue (WoW!Korea), Tokyo, held "
            "over three days 2023-03-14..16 (METI 2023-03-16; Yonhap: 'started "
            "Tuesday'); recorded on its first day. Country categories "
            "(whitelists) were left to further dialogue. A quepan.net article "
            "says MOTIE announced it 'on April 16', an evident error for "
            "March 16.",
            source=METI_DIALOGUE_2023,
        ),
        TalksHeld(
            id="summit-2023-03-16",
            parties=JPN_KOR,
            level="summit",
            format="in person",
            outcome="agreement",
            agreed={
                "resume shuttle diplomacy",
                "normalize GSOMIA",
                "launch an economic security dialogue",
            },
            effective=D(2023, 3, 16),
            note="Yoon Suk Yeol and Fumio Kishida at the Prime Minister's Office, "
            "Tokyo: a 23-minute small-group meeting then the expanded summit "
            "(Asia Economy 2023-03-16; AsiaToday 2023-03-17). Same day: "
            "announcement of Japan's lifting of the three-item curbs and "
            "Korea's WTO withdrawal.",
            source=KBS_SUMMIT_2023,
        ),
        AgreementTerminationWithdrawn(
            id="kor-gsomia-normalised-2023-03",
            actor="KOR",
            target="JPN",
            agreement="GSOMIA",
            announced=D(2023, 3, 16),
            effective=D(2023, 3, 21),
            note="Yoon declared 'complete normalization' at the 2023-03-16 "
            "summit (KBS News); MOFA notified Japan in writing of the withdrawal "
            "of both 2019 notes on 2023-03-21 (Korea Herald; Asahi Shimbun "
            "2023-03-21).",
            source=KOREA_HERALD_GSOMIA,
        ),
        RestrictionLifted(
            id="jpn-licences-lifted-2023-03",
            actor="JPN",
            target="KOR",
            items=THREE_MATERIALS,
            announced=D(2023, 3, 16),
            effective=D(2023, 3, 23),
            note="Decided after the 2023-03-14..16 dialogue (METI 2023-03-16): "
            "the three items return to special general bulk export licences "
            "'as was the case prior to July 2019'; applied 2023-03-23 "
            "(News1). Photoresist had been eased since 2019-12-20. Reports of "
            "2023-03-16 describe the decision; 2023-03-23 is when it applied.",
            source=NEWS1_LIFTED,
        ),
        DemandMet(
            id="jpn-demand-met-2023-03",
            actor="JPN",
            target="KOR",
            demand=DEMAND,
            effective=D(2023, 3, 23),
            note="The three items returned to licensing 'as was the case prior "
            "to July 2019' (METI 2023-03-16), applied 2023-03-23 (News1). "
            "Japan's Group A listing of Korea was restored separately, "
            "effective 2023-07-21 (jpn-whitelist-restored-2023-07).",
            source=NEWS1_LIFTED,
        ),
        WTOComplaintDropped(
            id="kor-ds590-withdrawn-2023-03",
            actor="KOR",
            target="JPN",
            case="DS590",
            mode="withdrawn",
            announced=D(2023, 3, 16),
            effective=D(2023, 3, 23),
            note="Korea decided on 2023-03-16 to withdraw (Yonhap via Korea News "
            "Gazette), 'as soon as Tokyo enforces the lifting of its curbs' "
            "(China Daily); withdrawn 2023-03-23 (News1). Reports of 2023-03-16 "
            "that Korea 'withdraws' describe the decision, so 2023-03-23 is "
            "taken. No WTO document dating the withdrawal was found.",
            source=NEWS1_LIFTED,
        ),
        WhitelistRestored(
            id="kor-whitelist-restored-2023-04",
            actor="KOR",
            target="JPN",
            list_name="Ga",
            announced=D(2023, 3, 21),
            effective=D(2023, 4, 24),
            note="Yoon announced the start of legal procedures 2023-03-21 (Asahi "
            "Shimbun); administrative notice 2023-03-23 with comments until "
            "2023-04-12 (News1); revised Public Notice published in the gazette "
            "2023-04-24 (Asia Economy; Dong-A Ilbo 2023-06-28; Korea Herald via "
            "ANN 2023-04-25). Ga-1 and Ga-2 merged back into Ga.",
            source=ASIAE_KOR_WHITELIST,
        ),
        WhitelistRestored(
            id="jpn-whitelist-restored-2023-07",
            actor="JPN",
            target="KOR",
            list_name="Group A",
            announced=D(2023, 6, 27),
            effective=D(2023, 7, 21),
            note="Cabinet decision 2023-06-27 amending Appendix 3 of the Export "
            "Trade Control Order, promulgated 2023-06-30, in force 2023-07-21 "
            "(Dong-A Ilbo 2023-06-28; Asia Economy 2023-06-27).",
            source=DONGA_JPN_WHITELIST,
        ),
    ]
    return events


def main(path: Path = OUTPUT) -> None:
    """Write the record to *path*, replacing any earlier file."""
    path.unlink(missing_ok=True)
    events = build_events()
    with EventLog.open(path) as log:
        log.extend(events)
    print(f"wrote {len(events)} events to {path}")


if __name__ == "__main__":
    main()
