"""Build the Australia–China dataset that ships with tradedispute.

Every event cites a source recorded in tools/australia-china-research-notes.md,
on the 2020–2024 dispute that followed Australia's call for an inquiry into
the origins of COVID-19; where sources disagree on a date, the event's note
says which date was taken and why. See docs/record-australia-china.md.

Regenerate the shipped file with ``python tools/build_australia_china.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tradedispute import (
    DemandMade,
    Event,
    EventLog,
    MeasureAmended,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    NextMeeting,
    Products,
    Rate,
    Source,
    TalksHeld,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOPanelComposed,
    WTOPanelEstablished,
    WTOPanelReportCirculated,
    WTOPanelRequested,
    WTOReportAdopted,
    WTOSolutionAgreed,
)

D = dt.date
OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "tradedispute"
    / "datasets"
    / "australia-china.jsonl"
)

AUS_CHN = frozenset({"AUS", "CHN"})
DEMAND = (
    "an independent inquiry into the origins of COVID-19 and the handling of "
    "the outbreak"
)
# Only wine has a sourced HS line: China's tariff line 22042100 (China News
# Service via Teller Report), bottled wine in containers of 2 litres or less.
WINE = Products(hs=["2204.21"])
BARLEY = Products(items=["barley"])
# Beef is two named items because the 2024 reinstatement differed by them
# (Beef Central 2024-05-30: some plants "for frozen only").
BEEF = ["chilled beef", "frozen beef"]
INFORMAL = "informal: no official Chinese notice; reported by industry and the press"

# --- sources (all quoted in tools/australia-china-research-notes.md) ----------

ABC_PAYNE = Source(
    title="Marise Payne calls for global inquiry into China's handling of the "
    "coronavirus outbreak",
    publisher="ABC News",
    published=D(2020, 4, 19),
    url="https://www.abc.net.au/news/2020-04-19/"
    "payne-calls-for-inquiry-china-handling-of-coronavirus-covid-19/12162968",
)
CGTN_FOUR_PLANTS = Source(
    title="China suspends imports from four Australian abattoirs",
    publisher="CGTN",
    published=D(2020, 5, 12),
    url="https://news.cgtn.com/news/2020-05-12/"
    "China-suspends-imports-from-four-Australian-abattoirs-Qr0XrtBz2M/index.html",
)
REUTERS_BARLEY = Source(
    title="China to levy anti-dumping and anti-subsidy duties on Australian "
    "barley from May 19",
    publisher="Reuters (via Financial Post)",
    published=D(2020, 5, 18),
    url="https://business.financialpost.com/pmn/business-pmn/"
    "china-to-levy-anti-dumping-and-anti-subsidy-duties-on-australian-barley-"
    "from-may-19-commerce-ministry",
)
WEEKLY_TIMES_THREE = Source(
    title="The three abattoirs that can now trade with China again",
    publisher="The Weekly Times (newsbite mirror)",
    url="https://newsbite.mooo.com/www.weeklytimesnow.com.au/livestock/"
    "the-three-abattoirs-that-can-now-trade-with-china-again/news-story/"
    "c8d540256350ba1837f9983c521e58d1",
)
REUTERS_JOHN_DEE = Source(
    title="China halts beef imports from Australian firm over banned substance: "
    "customs",
    publisher="Reuters",
    published=D(2020, 8, 28),
    url="https://www.reuters.com/article/us-china-australia-beef/"
    "china-halts-beef-imports-from-australian-firm-over-banned-substance-"
    "customs-idUSKBN25N3A2",
)
SEVEN_NEWS_CBH = Source(
    title="China suspends barley imports into China from Australian firm CBH "
    "Grain PTY Ltd",
    publisher="7NEWS",
    published=D(2020, 9, 1),
    url="https://7news.com.au/business/agriculture/"
    "china-suspends-barley-imports-into-china-from-australian-firm-cbh-grain-"
    "pty-ltd-c-1283976",
)
FASTMARKETS_COAL = Source(
    title="BREAKING: China’s steel mills asked to stop importing Australian coal "
    "– sources",
    publisher="Fastmarkets",
    published=D(2020, 10, 12),
    url="https://www.fastmarkets.com/insights/"
    "breaking-chinas-steel-mills-asked-to-stop-importing-australian-coal-sources/",
)
BRISBANE_TIMES_COTTON = Source(
    title="China's cotton mills told to avoid Australian exports",
    publisher="Brisbane Times",
    published=D(2020, 10, 16),
    url="https://www.brisbanetimes.com.au/world/asia/"
    "china-s-cotton-mills-told-to-avoid-australian-exports-20201016-p565ox.html",
)
MOTHERSHIP_LOBSTER = Source(
    title="Tonnes of live Australian lobsters stranded in Chinese airports amid "
    "trade tensions",
    publisher="Mothership (citing Reuters and the Sydney Morning Herald)",
    published=D(2020, 11, 2),
    url="https://mothership.sg/2020/11/australian-lobster-china-trade/",
)
SMH_TIMBER = Source(
    title="Race to save 20 tonnes of lobsters on Chinese tarmac as timber also hit",
    publisher="The Sydney Morning Herald",
    published=D(2020, 11, 2),
    url="https://www.smh.com.au/world/asia/"
    "race-to-save-20-tonnes-of-lobsters-on-chinese-tarmac-as-timber-also-hit-"
    "20201102-p56aq0.html",
)
CMJ_NOVEMBER_LIST = Source(
    title="China tightens trade restrictions on Australian imports",
    publisher="Canadian Mining Journal",
    published=D(2020, 11, 5),
    url="https://www.canadianminingjournal.com/news/"
    "china-tightens-trade-restrictions-on-australian-imports/",
)
REUTERS_VICTORIA_LOGS = Source(
    title="China bans more Australian timber after pests found",
    publisher="Reuters (via Yahoo News)",
    url="https://sg.news.yahoo.com/china-bans-more-australian-timber-025507028.html",
)
TELLER_WINE_AD = Source(
    title="The Ministry of Commerce first ruled that there was dumping of "
    "imported wines originating in Australia",
    publisher="China News Service (via Teller Report)",
    published=D(2020, 11, 27),
    url="https://www.tellerreport.com/business/"
    "2020-11-27-the-ministry-of-commerce-first-ruled-that-there-was-dumping-of-"
    "imported-wines-originating-in-australia.HyuLxdAaqD.html",
)
GLOBAL_TIMES_SA_TAS = Source(
    title="China suspends timber log imports from Tasmania and South Australia "
    "(report on a GACC statement; title not recorded in the research notes)",
    publisher="Global Times",
    url="http://globaltimes.cn/content/1209355.shtml",
)
REUTERS_MERAMIST = Source(
    title="China suspends beef imports from sixth Australian beef supplier",
    publisher="Reuters (via WKZO)",
    published=D(2020, 12, 7),
    url="https://wkzo.com/2020/12/07/"
    "china-suspends-beef-imports-from-sixth-australian-beef-supplier/",
)
CHINA_DAILY_WINE_CVD = Source(
    title="China to levy provisional anti-subsidy duties on Aussie wine",
    publisher="China Daily HK (People's Daily)",
    published=D(2020, 12, 10),
    url="https://chinadailyhk.com/article/151991",
)
WTO_DS598 = Source(
    title="DS598: China — Anti-Dumping and Countervailing Duty Measures on "
    "Barley from Australia",
    publisher="WTO",
    url="https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds598_e.htm",
)
CGTN_NSW_WA_LOGS = Source(
    title="China suspends more Australian log imports due to detection of pests",
    publisher="CGTN",
    published=D(2020, 12, 24),
    url="https://news.cgtn.com/news/2020-12-24/"
    "China-suspends-more-Australian-log-imports-due-to-detection-of-pests-"
    "Wu89keVZSw/index.html",
)
SCMP_WINE_FINAL = Source(
    title="China-Australia relations: Beijing officially slaps duties on "
    "Australian wine after concluding anti-dumping probe",
    publisher="South China Morning Post (via TheStreet)",
    published=D(2021, 3, 26),
    url="https://www.thestreet.com/partner/"
    "china-australia-relations-beijing-officially-slaps-duties-on-australian-"
    "wine-after-concluding-anti-dumping-probe-15606969",
)
WTO_DS602 = Source(
    title="DS602: China — Anti-Dumping and Countervailing Duty Measures on Wine "
    "from Australia",
    publisher="WTO",
    url="http://www.wto.org/english/tratop_e/dispu_e/cases_e/ds602_e.htm",
)
WTO_DS603 = Source(
    title="DS603: Australia — Anti-Dumping and Countervailing Duty Measures on "
    "Certain Products from China",
    publisher="WTO",
    url="http://www.wto.org/english/tratop_e/dispu_e/cases_e/ds603_e.htm",
)
CTM_DS598_COMPOSED = Source(
    title="China Barley AD/CVD WTO panel composed",
    publisher="China Trade Monitor",
    url="https://www.chinatrademonitor.com/china-barley-ad-cvd-wto-panel-composed/",
)
WTO_DSB_2021_10_26 = Source(
    title="Dispute Settlement Body meeting of 26 October 2021 (summary)",
    publisher="WTO",
    published=D(2021, 10, 26),
    url="https://www.wto.org/english/news_e/news21_e/dsb_26oct21_e.htm",
)
XTREME_ACC = Source(
    title="Ninth Australian abattoir suspended from exporting to China",
    publisher="The Epoch Times (via xtremecuztoms.net)",
    url="https://www.xtremecuztoms.net/"
    "ninth-australian-abattoir-suspended-from-exporting-to-china",
)
FARM_ONLINE_TEYS = Source(
    title="Teys Naracoorte joins list of plants banned from China",
    publisher="Farm Online",
    published=D(2022, 1, 31),
    url="https://www.farmonline.com.au/story/7601392/"
    "teys-naracoorte-joins-list-of-plants-banned-from-china/",
)
ANTIDUMPING_VN_DS602 = Source(
    title="Dispute settlement: DS602 China — Anti-dumping and countervailing duty "
    "measures on wine from Australia",
    publisher="antidumping.vn (mirror of the WTO case page)",
    url="https://antidumping.vn/"
    "dispute-settlement-ds602-china-anti-dumping-and-countervailing-duty-"
    "measures-on-wine-from-australia-n25878.html",
)
ANTIDUMPING_VN_DS603 = Source(
    title="Dispute settlement: DS603 Australia — Anti-dumping and countervailing "
    "duty measures on certain products",
    publisher="antidumping.vn (mirror of the WTO case page)",
    url="https://antidumping.vn/"
    "dispute-settlement-ds603-australia-anti-dumping-and-countervailing-duty-"
    "measures-on-certain-products-n25879.html",
)
ABC_G20 = Source(
    title="Australia and China finally talk ... big moments from the G20 summit "
    "in Bali",
    publisher="ABC News",
    published=D(2022, 11, 15),
    url="https://www.abc.net.au/news/2022-11-15/key-moments-from-g20-in-bali/101650292",
)
MFA_DIALOGUE = Source(
    title="Wang Yi holds the sixth round of China-Australia Foreign and "
    "Strategic Dialogue",
    publisher="Ministry of Foreign Affairs of the PRC",
    published=D(2022, 12, 23),
    url="https://www.fmprc.gov.cn/mfa_eng/gjhdq_665435/2797_665439/3377_664820/"
    "3379_664824/202212/t20221223_10994272.html",
)
CAIXIN_VIDEO_MEETING = Source(
    title="Australia and China Hold First Trade Minister Meeting in Three Years",
    publisher="Caixin (via thailandchina.net)",
    url="https://www.thailandchina.net/business/"
    "28059-australia-and-china-hold-first-trade-minister-meeting-in-three-years",
)
TRADEWINDS_COAL = Source(
    title="China reportedly ends 2020 Australian coal ban",
    publisher="TradeWinds",
    url="http://static-global.nhst.tech/bulkers/"
    "china-reportedly-ends-2020-australian-coal-ban/2-1-1419553",
)
BUSINESSLIVE_DS598 = Source(
    title="Australia suspends WTO case against China on barley tariffs",
    publisher="Bloomberg (via BusinessLIVE)",
    published=D(2023, 4, 11),
    url="https://www.businesslive.co.za/bloomberg/news/"
    "2023-04-11-australia-suspends-wto-case-against-china-on-barley-tariffs/",
)
INSIDER_PAPER_BEIJING = Source(
    title="Australia trade minister hails \u2018positive momentum\u2019 in "
    "Beijing talks",
    publisher="Insider Paper (AFP)",
    published=D(2023, 5, 12),
    url="https://insiderpaper.com/"
    "australia-trade-minister-hails-positive-momentum-in-beijing-talks/",
)
ABC_TIMBER = Source(
    title="China will resume Australian timber trade imports",
    publisher="ABC News",
    published=D(2023, 5, 18),
    url="https://www.abc.net.au/news/2023-05-18/"
    "china-will-resume-australian-timber-trade-imports/102362264",
)
XINHUA_BARLEY_LIFTED = Source(
    title="China lifts anti-dumping, countervailing duties on Australian barley",
    publisher="Xinhua (via People's Daily Online)",
    published=D(2023, 8, 4),
    url="http://en.people.cn/n3/2023/0804/c90000-20054426.html",
)
ECD_DS598_ENDS = Source(
    title="WTO Panel Ends After China Drops Duties on Australian Barley",
    publisher="Export Compliance Daily (Warren News)",
    published=D(2023, 8, 28),
    url="https://exportcompliancedaily.com/article/2023/08/28/"
    "wto-panel-ends-after-china-drops-duties-on-australian-barley-2308250015",
)
AAP_WINE_DEAL = Source(
    title="Breakthrough on wine dispute ahead of PM’s China visit",
    publisher="AAP",
    published=D(2023, 10, 22),
    url="https://www.aap.com.au/news/breakthrough-on-wine-dispute-ahead-of-pms-"
    "china-visit/",
)
SBS_XI_ALBANESE = Source(
    title="Xi Jinping and Anthony Albanese meet",
    publisher="SBS News",
    published=D(2023, 11, 6),
    url="https://www.sbs.com.au/news/article/"
    "xi-jinping-and-anthony-albanese-meet/fcmqj7hjs",
)
CATTLE_SITE_THREE = Source(
    title="China lifts meat import restrictions from 3 Australian abattoirs",
    publisher="The Cattle Site (Reuters)",
    published=D(2023, 12, 12),
    url="https://www.thecattlesite.com/news/"
    "china-lifts-meat-import-restrictions-from-3-australian-abattoirs",
)
REUTERS_DS603_REPORT = Source(
    title="WTO partially upholds China’s anti-dumping complaint against Australia",
    publisher="Reuters (via socastsrm mirror)",
    published=D(2024, 3, 26),
    url="https://d2233.cms.socastsrm.com/2024/03/26/"
    "wto-partially-upholds-chinas-anti-dumping-complaint-against-australia/",
)
MACAU_BUSINESS_WINE = Source(
    title="China lifts punitive tariffs on Australian wine: commerce ministry",
    publisher="Macau Business (AFP)",
    published=D(2024, 3, 28),
    url="https://www.macaubusiness.com/"
    "china-lifts-punitive-tariffs-on-australian-wine-commerce-ministry/",
)
KYODO_WINE_WTO = Source(
    title="China to lift tariffs on Australian wine amid improved ties",
    publisher="Kyodo (via nippon.com)",
    published=D(2024, 3, 28),
    url="https://www.nippon.com/en/news/kd1146047518624105470/"
    "china-to-lift-tariffs-on-australian-wine-amid-improved-ties.html",
)
WTO_DS603_RPT = Source(
    title="Australia – AD/CVD on Certain Products from China – Understanding "
    "between Australia and China regarding procedures under Articles 21 and 22 "
    "of the DSU",
    publisher="WTO (copy on WTO Center Taiwan)",
    url="http://web.wtocenter.org.tw/Page/13669/400676",
)
BEEF_CENTRAL_FIVE = Source(
    title="China suspensions lifted on five Australian export beef plants",
    publisher="Beef Central",
    published=D(2024, 5, 30),
    url="https://www.beefcentral.com/news/"
    "five-australian-export-beef-plants-have-china-suspensions-lifted/",
)
MFA_LEADERS_MEETING = Source(
    title="Li Qiang Co-chairs the 9th China-Australia Annual Leaders’ Meeting "
    "with Australian Prime Minister Albanese",
    publisher="Ministry of Foreign Affairs of the PRC",
    published=D(2024, 6, 17),
    url="https://www.fmprc.gov.cn/eng/gjhdq_665435/2797_665439/3377_664820/"
    "3379_664824/202406/t20240617_11437334.html",
)
AAP_LOBSTER_TIMETABLE = Source(
    title="Trade war fully thawed as China drops live lobster ban",
    publisher="AAP (via Daily Mail)",
    published=D(2024, 10, 10),
    url="https://www.dailymail.co.uk/wires/aap/article-13944773/"
    "Trade-war-fully-thawed-China-drops-live-lobster-ban.html",
)
AUCTIONSPLUS_LAST_TWO = Source(
    title="China lifts final Aussie processor suspensions",
    publisher="AuctionsPlus",
    published=D(2024, 12, 3),
    url="https://pulse.auctionsplus.com.au/news/china-lifts-final-aussie-"
    "processor-suspensions",
)
UNDERCURRENT_LOBSTER = Source(
    title="Aussie live lobster exports to China officially resume after trade dispute",
    publisher="Undercurrent News",
    published=D(2024, 12, 23),
    url="https://undercurrentnews.com/2024/12/23/"
    "aussie-live-lobster-exports-to-china-officially-resume-after-trade-dispute",
)


def plant_suspension(
    *,
    id: str,
    measure: str,
    plant: str,
    items: list[str],
    effective: dt.date,
    source: Source,
    note: str,
    legal_basis: str,
    announced: dt.date | None = None,
    precision: str = "day",
) -> MeasureImposed:
    """China's suspension of one Australian export establishment."""
    return MeasureImposed(
        id=id,
        measure=measure,
        actor="CHN",
        targets={"AUS"},
        kind="SPS/TBT suspension",
        products=Products(items=items),
        legal_basis=f"GACC suspension of {plant}: {legal_basis}",
        announced=announced,
        effective=effective,
        precision=precision,  # type: ignore[arg-type]
        note=note,
        source=source,
    )


def lifted(
    *,
    id: str,
    measure: str,
    effective: dt.date,
    source: Source,
    note: str,
    announced: dt.date | None = None,
    products: Products | None = None,
) -> MeasureLifted:
    """The end of one measure (or, with *products*, of part of it)."""
    return MeasureLifted(
        id=id,
        measure=measure,
        products=products,
        announced=announced,
        effective=effective,
        note=note,
        source=source,
    )


def build_events() -> list[Event]:
    """Return the Australia–China record, in the order it is written."""
    return [
        *trigger_and_2020(),
        *wto_cases(),
        *normalisation(),
    ]


def trigger_and_2020() -> list[Event]:
    """The call for an inquiry and China's measures of 2020–2022."""
    return [
        DemandMade(
            id="aus-inquiry-demand-2020-04",
            actor="AUS",
            target="CHN",
            demand=DEMAND,
            effective=D(2020, 4, 19),
            note="Foreign Minister Marise Payne on ABC TV Insiders, Sunday "
            "2020-04-19: an independent review mechanism into the genesis of "
            "the virus, its handling, information sharing and the WHO; "
            "'Australia will absolutely insist on that' (ABC; the minister's "
            "own transcript, foreignminister.gov.au/node/3364; AFR 2020-04-19). "
            "Wikipedia (excerpt only) has PM Morrison reiterate the call on "
            "2020-04-29; not recorded as a second event. A judgement: the "
            "trigger is recorded as a demand (words, not a measure). China "
            "did not meet it; the record leaves it open.",
            source=ABC_PAYNE,
        ),
        *[
            plant_suspension(
                id=f"{measure}-2020-05",
                measure=measure,
                plant=plant,
                items=BEEF,
                effective=D(2020, 5, 12),
                legal_basis="labelling and health-certificate requirements",
                note="One of four plants suspended; Australian ministers were "
                "notified late on 2020-05-11 and announced it on Tuesday "
                "2020-05-12, and China's Foreign Ministry confirmed it the same "
                "day (CGTN; SMH via Meatex; AFP via break.ie). No GACC notice "
                "giving its own effective date was read, so 2020-05-12 is "
                f"taken. {plant}. No HS code sourced: beef is recorded as "
                "named items.",
                source=CGTN_FOUR_PLANTS,
            )
            for measure, plant in [
                ("cn-beef-jbs-dinmore", "JBS Dinmore, Qld (est. 235)"),
                ("cn-beef-jbs-beefcity", "JBS Beef City, Toowoomba Qld (est. 170)"),
                ("cn-beef-kilcoy", "Kilcoy Pastoral Company, Qld (est. 640)"),
                (
                    "cn-beef-ncmc-casino",
                    "Northern Co-operative Meat Company, Casino NSW (est. 239)",
                ),
            ]
        ],
        MeasureImposed(
            id="cn-barley-ad-2020-05",
            measure="cn-barley-ad",
            actor="CHN",
            targets={"AUS"},
            kind="anti-dumping duty",
            products=BARLEY,
            rate=Rate(percent=73.6),
            legal_basis="MOFCOM Announcement No. 14 of 2020 (final ruling); "
            "State Council Customs Tariff Commission",
            expires=D(2025, 5, 19),
            announced=D(2020, 5, 18),
            effective=D(2020, 5, 19),
            note="Announced Monday 2020-05-18, levied from 2020-05-19 for five "
            "years (MOFCOM No. 14 via Cofeed; Reuters; TRT World; China Daily "
            "HK). One rate, 73.6%, for the four named exporters (The Iluka "
            "Trust, Kalgan Nominees, JW&JI Mcdonald & Sons, Haycroft "
            "Enterprises) and all others; Global Times's 'up to 73.6 percent' "
            "is the only dissent. No provisional duty was found. The "
            "investigation began 2018-11-19 (China Trade Monitor; Xinhua). No "
            "HS code sourced: barley is a named item.",
            source=REUTERS_BARLEY,
        ),
        MeasureImposed(
            id="cn-barley-cvd-2020-05",
            measure="cn-barley-cvd",
            actor="CHN",
            targets={"AUS"},
            kind="countervailing duty",
            products=BARLEY,
            rate=Rate(percent=6.9),
            legal_basis="MOFCOM Announcement No. 15 of 2020 (final ruling); "
            "State Council Customs Tariff Commission",
            expires=D(2025, 5, 19),
            announced=D(2020, 5, 18),
            effective=D(2020, 5, 19),
            note="Announced 2020-05-18, levied from 2020-05-19 for five years "
            "(MOFCOM No. 15 via Cofeed; Reuters; China Daily HK). With the "
            "anti-dumping duty, 80.5% in all (TRT World); recorded as two "
            "measures, as MOFCOM issued two announcements. The anti-subsidy "
            "investigation began 2018-12-21 (Xinhua; China Daily HK; China "
            "Trade Monitor implies 2018-11-19).",
            source=REUTERS_BARLEY,
        ),
        plant_suspension(
            id="cn-meat-alc-colac-2020-07",
            measure="cn-meat-alc-colac",
            plant="Australian Lamb Company, Colac Vic",
            items=["sheep meat"],
            effective=D(2020, 7, 1),
            precision="month",
            legal_basis="COVID-19 cases at the plant",
            note="'Suspended since July 2020' (The Weekly Times, 2023-12); the "
            "day is not sourced, so the month is recorded. China was 'refusing "
            "to accept sheep meat' after the plant closed briefly for a COVID-19 "
            "outbreak (AFR/SMH via Meatex 2020-12-09). China suspended plants of "
            "many countries for COVID-19; included because Australian ministers "
            "counted it among the impediments lifted in 2023.",
            source=WEEKLY_TIMES_THREE,
        ),
        plant_suspension(
            id="cn-meat-jbs-brooklyn-2020-07",
            measure="cn-meat-jbs-brooklyn",
            plant="JBS Brooklyn, Vic",
            items=[*BEEF, "sheep meat"],
            effective=D(2020, 7, 1),
            precision="month",
            legal_basis="COVID-19 cases at the plant",
            note="'Suspended since July 2020' for cattle and sheep (The Weekly "
            "Times, 2023-12); the day is not sourced, so the month is recorded. "
            "AFR/SMH via Meatex (2020-12-09) give COVID-19 closures as the "
            "cause.",
            source=WEEKLY_TIMES_THREE,
        ),
        plant_suspension(
            id="cn-beef-johndee-2020-08",
            measure="cn-beef-johndee",
            plant="John Dee, Warwick Qld (est. 243)",
            items=BEEF,
            announced=D(2020, 8, 27),
            effective=D(2020, 8, 26),
            legal_basis="chloramphenicol found in beef loin",
            note="SMH (via Meatex 2020-08-28): customs 'suspended exports from "
            "John Dee on Wednesday' (2020-08-26); Reuters: GACC statement 'late "
            "on Thursday' (2020-08-27); the Australian minister confirmed it "
            "on Friday 2020-08-28 (ABC). Effective 2020-08-26, announced "
            "2020-08-27, after the day it applied. The fifth plant.",
            source=REUTERS_JOHN_DEE,
        ),
        plant_suspension(
            id="cn-barley-cbh-2020-09",
            measure="cn-barley-cbh",
            plant="CBH Grain Pty Ltd",
            items=["barley"],
            effective=D(2020, 9, 1),
            legal_basis="quarantine pests found several times; registration revoked",
            note="'Suspended from exporting barley to China, effective from 1 "
            "September 2020' (CBH statement via 7NEWS); the Australian "
            "Government was notified on 2020-08-31. Largely moot under the "
            "80.5% duties. No lifting of it is sourced, so the record leaves "
            "it in force.",
            source=SEVEN_NEWS_CBH,
        ),
        MeasureImposed(
            id="cn-coal-informal-2020-10",
            measure="cn-coal-informal",
            actor="CHN",
            targets={"AUS"},
            kind="import ban",
            products=Products(items=["thermal coal", "coking coal"]),
            legal_basis=f"{INFORMAL}; verbal instruction to utilities and steel mills",
            announced=D(2020, 10, 12),
            effective=D(2020, 10, 1),
            precision="month",
            note="Had no official notice. Utilities and steel mills were "
            "'verbally notified during the Golden Week holiday (October 1-8) "
            "... with immediate effect' (Fastmarkets 2020-10-12, the first "
            "report; SCMP 2020-10-14). The day is not sourced, so the month is "
            "recorded. A single mirrored article of 2020-12-17 says the NDRC "
            "made it official at a meeting on 2020-12-12; not recorded. No HS "
            "code sourced.",
            source=FASTMARKETS_COAL,
        ),
        MeasureImposed(
            id="cn-cotton-informal-2020-10",
            measure="cn-cotton-informal",
            actor="CHN",
            targets={"AUS"},
            kind="import ban",
            products=Products(items=["cotton"]),
            legal_basis=f"{INFORMAL}; NDRC verbal warning that mills' import "
            "quotas would be cut",
            announced=D(2020, 10, 16),
            effective=D(2020, 10, 1),
            precision="month",
            note="Had no official notice. Mills were 'verbally warned by the "
            "National Development Reform Commission' (Brisbane Times "
            "2020-10-16; Reuters via TVTS; Cotton Australia/ACSA statement: "
            "'recently'). The day is not sourced, so the month is recorded. "
            "No lifting is sourced: exports resumed from June 2023 (Reuters via "
            "Business Recorder) and the Australian Government listed cotton as "
            "resolved in December 2024, so the record leaves it in force.",
            source=BRISBANE_TIMES_COTTON,
        ),
        MeasureImposed(
            id="cn-lobster-2020-10",
            measure="cn-lobster",
            actor="CHN",
            targets={"AUS"},
            kind="import ban",
            products=Products(items=["live rock lobster"]),
            legal_basis=f"{INFORMAL}; customs clearance delays and heavy-metal "
            "testing of up to 50% of consignments",
            effective=D(2020, 10, 30),
            note="Had no official notice. Consignments were held at Shanghai "
            "from Friday 2020-10-30, when the inspections began (Mothership "
            "citing Reuters; SMH 2020-11-02); Australian ministers spoke on "
            "2020-11-01 and 2020-11-02, and exporters halted shipments. "
            "SeafoodSource's 'Chinese Ministry of Commerce imposed a ban' in "
            "November 2020 is not borne out by any MOFCOM text read. A "
            "judgement: recorded as an import ban, not an SPS suspension, "
            "because the trade stopped entirely. No HS code sourced.",
            source=MOTHERSHIP_LOBSTER,
        ),
        MeasureImposed(
            id="cn-timber-logs-2020-10",
            measure="cn-timber-logs",
            actor="CHN",
            targets={"AUS"},
            kind="SPS/TBT suspension",
            products=Products(items=["logs: Queensland"]),
            legal_basis="GACC quarantine notices: bark beetle and other live "
            "forest pests found in logs",
            announced=D(2020, 10, 30),
            effective=D(2020, 10, 31),
            note="GACC notice of Friday 2020-10-30: 'suspends the acceptance of "
            "Australian Queensland logs ... for shipments after October 31, "
            "2020' (SMH); SCMP: 'Queensland was the first to be banned on "
            "October 31'. 2020-10-31 is taken. Later states were added by "
            "amendment. No HS code sourced: logs are named by state.",
            source=SMH_TIMBER,
        ),
        plant_suspension(
            id="cn-barley-emerald-2020-10",
            measure="cn-barley-emerald",
            plant="Emerald Grain Australia",
            items=["barley"],
            announced=D(2020, 10, 30),
            effective=D(2020, 10, 31),
            legal_basis="barley declarations no longer accepted",
            note="The same GACC notice as the Queensland logs: 'suspends the "
            "acceptance of ... Emerald Grain Australia barley declarations for "
            "shipments after October 31, 2020' (SMH); dated as the logs. No "
            "lifting is sourced, so the record leaves it in force.",
            source=SMH_TIMBER,
        ),
        MeasureImposed(
            id="cn-copper-informal-2020-11",
            measure="cn-copper-informal",
            actor="CHN",
            targets={"AUS"},
            kind="import ban",
            products=Products(items=["copper ores and concentrates"]),
            legal_basis=f"{INFORMAL}; traders ordered to stop buying",
            announced=D(2020, 11, 3),
            effective=D(2020, 11, 6),
            note="Had no official notice. Bloomberg (2020-11-03, via Canadian "
            "Mining Journal; Bloomberg via WITA 2020-11-06: a blacklist "
            "'delivered verbally to commodities traders') reported an order "
            "to stop buying seven Australian goods (coal, barley, copper ore "
            "and concentrate, sugar, timber, wine, lobster) from 2020-11-06. "
            "Reuters framed it as more inspections; AGW adds wheat. Copper, not "
            "otherwise covered, is recorded on its own. No lifting is sourced: "
            "exports resumed in January 2023 (Reuters via Investing.com) and "
            "the Australian Government listed copper as resolved in December "
            "2024, so the record leaves it in force.",
            source=CMJ_NOVEMBER_LIST,
        ),
        MeasureAmended(
            id="cn-timber-logs-victoria-2020-11",
            measure="cn-timber-logs",
            add=Products(items=["logs: Victoria"]),
            effective=D(2020, 11, 11),
            note="'all export of logs from the state of Victoria are suspended "
            "as of 11 November' (Reuters via Yahoo News).",
            source=REUTERS_VICTORIA_LOGS,
        ),
        MeasureImposed(
            id="cn-wine-ad-2020-11",
            measure="cn-wine-ad",
            actor="CHN",
            targets={"AUS"},
            kind="anti-dumping duty",
            products=WINE,
            rate=Rate(low=107.1, high=212.1),
            provisional=True,
            legal_basis="MOFCOM Announcement No. 59 of 2020 (preliminary "
            "ruling); deposits",
            announced=D(2020, 11, 27),
            effective=D(2020, 11, 28),
            note="Preliminary ruling 2020-11-27, deposits of 107.1%-212.1% by "
            "exporter from 2020-11-28 (China News Service via Teller Report; "
            "AFP via Malay Mail; SCMP; Global Times 2020-11-30). Only the range "
            "is recorded: of the rates by exporter only Treasury Wine Estates' "
            "169% (Global Times) is sourced. Scope: bottled wine in containers "
            "of 2 litres or less, China tariff line 22042100; not bulk, "
            "sparkling or fortified wine (AGW; WTO DS602). The investigation "
            "began 2020-08-18 (Drinks Trade).",
            source=TELLER_WINE_AD,
        ),
        MeasureAmended(
            id="cn-timber-logs-sa-tas-2020-12",
            measure="cn-timber-logs",
            add=Products(items=["logs: South Australia", "logs: Tasmania"]),
            effective=D(2020, 12, 3),
            note="Logs from Tasmania and South Australia suspended 'as of "
            "December 3' (Global Times, on a GACC statement published 'on "
            "Monday'; the article's date was not recorded).",
            source=GLOBAL_TIMES_SA_TAS,
        ),
        plant_suspension(
            id="cn-beef-meramist-2020-12",
            measure="cn-beef-meramist",
            plant="Meramist, Caboolture Qld (est. 416)",
            items=BEEF,
            effective=D(2020, 12, 7),
            legal_basis="no reason given",
            note="GACC stopped receiving applications and registration for "
            "beef exports from Meramist 'from Dec. 7' (Reuters via WKZO; SCMP "
            "2020-12-08). Reuters's 'sixth' does not count the two COVID-19 "
            "suspensions of July 2020.",
            source=REUTERS_MERAMIST,
        ),
        MeasureImposed(
            id="cn-wine-cvd-2020-12",
            measure="cn-wine-cvd",
            actor="CHN",
            targets={"AUS"},
            kind="countervailing duty",
            products=WINE,
            rate=Rate(low=6.3, high=6.4),
            provisional=True,
            legal_basis="MOFCOM preliminary ruling in the anti-subsidy "
            "investigation; deposits",
            announced=D(2020, 12, 10),
            effective=D(2020, 12, 11),
            note="Announced Thursday 2020-12-10, deposits of 6.3%-6.4% by "
            "company from 2020-12-11 (China Daily HK; todaychina.cc; SCMP; "
            "The Drinks Business). With the anti-dumping deposits, up to "
            "218.5% (SCMP). The investigation began 2020-08-31 (Drinks Trade; "
            "ABC Rural's 'a week later' would put it about 2020-08-25).",
            source=CHINA_DAILY_WINE_CVD,
        ),
        MeasureAmended(
            id="cn-timber-logs-nsw-wa-2020-12",
            measure="cn-timber-logs",
            add=Products(items=["logs: New South Wales", "logs: Western Australia"]),
            effective=D(2020, 12, 23),
            note="GACC announced on Wednesday 2020-12-23 a suspension of logs "
            "from New South Wales and Western Australia, 'effective Wednesday' "
            "(CGTN 2020-12-24; SCMP; Reuters via Devdiscourse): six of "
            "Australia's seven states.",
            source=CGTN_NSW_WA_LOGS,
        ),
        MeasureMadeDefinitive(
            id="cn-wine-ad-definitive-2021-03",
            measure="cn-wine-ad",
            rate=Rate(low=116.2, high=218.4),
            expires=D(2026, 3, 28),
            announced=D(2021, 3, 26),
            effective=D(2021, 3, 28),
            note="Final ruling 2021-03-26 (MOFCOM Announcements No. 6 and 7 of "
            "2021), for five years from 2021-03-28 (AGW; SCMP; news.cemsg.com). "
            "By exporter: Treasury Wine Estates 175.6%, Casella 170.9%, "
            "Australian Swan Vintage 116.2%, 21 other cooperating exporters "
            "(Pernod Ricard among them) 167.1%, all others 218.4%; the range "
            "is recorded. No disagreement.",
            source=SCMP_WINE_FINAL,
        ),
        MeasureAmended(
            id="cn-wine-ad-final-ruling-2021-03",
            measure="cn-wine-ad",
            legal_basis="MOFCOM Announcements No. 6 and 7 of 2021 (final "
            "rulings); State Council Customs Tariff Commission",
            announced=D(2021, 3, 26),
            effective=D(2021, 3, 28),
            note="The legal basis of the definitive duty: the final rulings of "
            "2021-03-26 (news.cemsg.com; AGW). Recorded as an amendment beside "
            "cn-wine-ad-definitive-2021-03 so that the measure no longer cites "
            "the preliminary ruling; it changes nothing else.",
            source=SCMP_WINE_FINAL,
        ),
        lifted(
            id="cn-wine-cvd-ended-2021-03",
            measure="cn-wine-cvd",
            announced=D(2021, 3, 26),
            effective=D(2021, 3, 28),
            note="A judgement. The final ruling set countervailing duties of "
            "6.3%-6.4% but MOFCOM 'would not be collecting them to prevent "
            "double taxation' (SCMP; news.cemsg.com), while AGW says they were "
            "'imposed'. Both are true: determined, not levied. The record ends "
            "the provisional deposits here, so the duty on wine is the "
            "anti-dumping duty alone; the uncollected duty ended with it on "
            "2024-03-29.",
            source=SCMP_WINE_FINAL,
        ),
        plant_suspension(
            id="cn-beef-acc-2021-10",
            measure="cn-beef-acc",
            plant="Australian Country Choice, Brisbane Qld (est. 1620)",
            items=BEEF,
            effective=D(2021, 10, 18),
            legal_basis="chloramphenicol test failed at Ningbo",
            note="Trade 'blocked' from 2021-10-18 (Epoch Times text via "
            "xtremecuztoms.net, a weak mirror); the month is corroborated by "
            "Beef Central (2024-05-30: 'suspended in October 2021') and Farm "
            "Online (2022-01-31).",
            source=XTREME_ACC,
        ),
        plant_suspension(
            id="cn-beef-teys-naracoorte-2022-01",
            measure="cn-beef-teys-naracoorte",
            plant="Teys Naracoorte, SA",
            items=BEEF,
            effective=D(2022, 1, 1),
            precision="month",
            legal_basis="no reason given (later reported as COVID-19 cases)",
            note="Reported 2022-01-31 (Farm Online: 'with no detail or "
            "reasons'); 'suspended since January 2022' (The Weekly Times). The "
            "day is not sourced, so the month is recorded. 9News (2023-12) puts "
            "it among plants suspended after COVID-19 cases. Farm Online calls "
            "it the ninth plant, the Epoch Times text calls ACC the ninth: the "
            "counts differ on the July 2020 suspensions.",
            source=FARM_ONLINE_TEYS,
        ),
    ]


def wto_cases() -> list[Event]:
    """The three WTO cases, DS598 (barley), DS602 (wine) and DS603."""
    return [
        # --- DS598: barley ---------------------------------------------------
        WTOComplaintFiled(
            id="aus-ds598-2020-12",
            actor="AUS",
            target="CHN",
            case="DS598",
            subject="China — Anti-dumping and countervailing duty measures on "
            "barley from Australia",
            effective=D(2020, 12, 16),
            note="Consultations requested 2020-12-16 (WTO DS598 page; "
            "antidumping.vn mirror; China Trade Monitor). opportimes.com's "
            "'in November' is wrong.",
            source=WTO_DS598,
        ),
        WTOPanelRequested(
            id="aus-ds598-panel-requested-2021-03",
            actor="AUS",
            target="CHN",
            case="DS598",
            effective=D(2021, 3, 15),
            note="Requested 2021-03-15; the DSB deferred it on 2021-04-28, "
            "China blocking the first request (WTO DS598 page; opportimes.com).",
            source=WTO_DS598,
        ),
        WTOPanelEstablished(
            id="aus-ds598-panel-established-2021-05",
            actor="AUS",
            target="CHN",
            case="DS598",
            effective=D(2021, 5, 28),
            note="Established at the DSB meeting of 2021-05-28 (WTO DS598 page; "
            "Reuters via Daily Mail). On 2021-07-27 the parties agreed appeal "
            "arbitration procedures (China Trade Monitor); not an event.",
            source=WTO_DS598,
        ),
        WTOPanelComposed(
            id="aus-ds598-panel-composed-2021-09",
            actor="AUS",
            target="CHN",
            case="DS598",
            effective=D(2021, 9, 3),
            note="Composed by the Director-General on 2021-09-03 (China Trade "
            "Monitor; antidumping.vn mirror of the WTO page).",
            source=CTM_DS598_COMPOSED,
        ),
        # --- DS602: wine -----------------------------------------------------
        WTOComplaintFiled(
            id="aus-ds602-2021-06",
            actor="AUS",
            target="CHN",
            case="DS602",
            subject="China — Anti-Dumping and Countervailing Duty Measures on "
            "Wine from Australia",
            announced=D(2021, 6, 19),
            effective=D(2021, 6, 22),
            note="The government announced on Saturday 2021-06-19 it would take "
            "the dispute to the WTO (ForexLive 'filed ... on Saturday'; Epoch "
            "Times text); the WTO and DFAT date the request for consultations "
            "2021-06-22, which is taken as effective. Consultations were held "
            "2021-08-09 (DFAT, read as quoted in a forum post).",
            source=WTO_DS602,
        ),
        WTOComplaintFiled(
            id="chn-ds603-2021-06",
            actor="CHN",
            target="AUS",
            case="DS603",
            subject="Australia — Anti-Dumping and Countervailing Duty Measures "
            "on Certain Products from China (wind towers, deep drawn stainless "
            "steel sinks, railway wheels)",
            effective=D(2021, 6, 24),
            note="China's counter-case, two days after DS602 (WTO DS603 page; "
            "TWN 2024-04). Australia's measures it challenges predate 2020 and "
            "are not recorded.",
            source=WTO_DS603,
        ),
        WTOPanelRequested(
            id="aus-ds602-panel-requested-2021-09",
            actor="AUS",
            target="CHN",
            case="DS602",
            effective=D(2021, 9, 16),
            note="Requested 2021-09-16 (WTO DS602 page; Trade Minister Tehan's "
            "release; Winetitles 2021-09-17); the DSB deferred it on "
            "2021-09-27.",
            source=WTO_DS602,
        ),
        WTOPanelEstablished(
            id="aus-ds602-panel-established-2021-10",
            actor="AUS",
            target="CHN",
            case="DS602",
            effective=D(2021, 10, 26),
            note="Established at Australia's second request, DSB meeting of "
            "2021-10-26 (WTO DSB summary; WTO DS602 page; Kyodo).",
            source=WTO_DSB_2021_10_26,
        ),
        WTOPanelRequested(
            id="chn-ds603-panel-requested-2022-01",
            actor="CHN",
            target="AUS",
            case="DS603",
            effective=D(2022, 1, 13),
            note="Requested 2022-01-13; the DSB deferred it on 2022-01-25 (WTO "
            "DS603 page).",
            source=WTO_DS603,
        ),
        WTOPanelEstablished(
            id="chn-ds603-panel-established-2022-02",
            actor="CHN",
            target="AUS",
            case="DS603",
            effective=D(2022, 2, 28),
            note="Established at the DSB meeting of 2022-02-28 (WTO DS603 page; "
            "SteelGuru). The parties notified appeal arbitration procedures on "
            "2022-04-28; not an event.",
            source=WTO_DS603,
        ),
        WTOPanelComposed(
            id="aus-ds602-panel-composed-2022-03",
            actor="AUS",
            target="CHN",
            case="DS602",
            effective=D(2022, 3, 4),
            note="'Panel composed: 4 March 2022' (antidumping.vn mirror of the "
            "WTO page); Food Processing's article of 2022-03-11 reports the "
            "announcement, not the date.",
            source=ANTIDUMPING_VN_DS602,
        ),
        WTOPanelComposed(
            id="chn-ds603-panel-composed-2022-09",
            actor="CHN",
            target="AUS",
            case="DS603",
            effective=D(2022, 9, 5),
            note="'Panel composed: 5 September 2022' (antidumping.vn mirror of "
            "the WTO page, up to date at 2022-09-13).",
            source=ANTIDUMPING_VN_DS603,
        ),
    ]


def normalisation() -> list[Event]:
    """Talks from late 2022 and the lifting of the measures, 2023–2024."""
    return [
        TalksHeld(
            id="summit-2022-11-15",
            parties=AUS_CHN,
            level="summit",
            format="in person",
            outcome="progress",
            duration_hours=32 / 60,
            effective=D(2022, 11, 15),
            note="Albanese and Xi Jinping at the G20, Bali, for 32 minutes; no "
            "concrete agreements (ABC; SBS). The first such meeting since 2016 "
            "(ABC, SBS); AP says the last was with Turnbull in 2017.",
            source=ABC_G20,
        ),
        TalksHeld(
            id="foreign-ministers-2022-12-21",
            parties=AUS_CHN,
            level="foreign minister",
            format="in person",
            outcome="progress",
            agreed={
                "commence or restart dialogue in six areas: bilateral "
                "relations, trade and economic issues, consular affairs, climate "
                "change, defence, regional and international issues"
            },
            announced=D(2022, 12, 19),
            effective=D(2022, 12, 21),
            note="Sixth Foreign and Strategic Dialogue, Wang Yi and Penny Wong, "
            "Beijing, on the 50th anniversary of diplomatic relations (MFA "
            "PRC); announced 2022-12-19 (Xinhua via People's Daily). The six "
            "areas are Global Times's, via South Asia Times 2022-12-23.",
            source=MFA_DIALOGUE,
        ),
        TalksHeld(
            id="trade-ministers-2023-02-06",
            parties=AUS_CHN,
            level="trade minister",
            format="video",
            outcome="progress",
            agreed={
                "enhance dialogue at all levels, including between officials, "
                "as a pathway towards the timely and full resumption of trade"
            },
            next_meeting=NextMeeting(place="Beijing"),
            effective=D(2023, 2, 6),
            note="Don Farrell and Wang Wentao, the first trade ministers' "
            "meeting in more than three years (Caixin via thailandchina.net; "
            "The Australian via newsbite; UrduPoint 2023-04-11). 'More than 90 "
            "minutes' is a lower bound, so no duration is recorded. Farrell "
            "was to visit Beijing next.",
            source=CAIXIN_VIDEO_MEETING,
        ),
        lifted(
            id="cn-coal-lifted-2023-03",
            measure="cn-coal-informal",
            effective=D(2023, 3, 14),
            note="Bloomberg on Tuesday 2023-03-14 (via bactf.com): customs 'told "
            "that all Australian coal can be imported'; TradeWinds: ports and "
            "customs 'told to allow the cargoes'. The instruction's own day is "
            "not given. In early January 2023 the NDRC had let four importers "
            "resume (Reuters via Newcastle Herald; TradeWinds: meeting on "
            "2023-01-06); that partial easing is not recorded as an event. "
            "UrduPoint says 'On March 15'; Reuters via Investing.com says the "
            "ban 'was lifted in January', meaning the partial easing.",
            source=TRADEWINDS_COAL,
        ),
        WTOComplaintDropped(
            id="aus-ds598-suspended-2023-04",
            actor="AUS",
            target="CHN",
            case="DS598",
            mode="suspended",
            effective=D(2023, 4, 11),
            note="Penny Wong and Don Farrell, Adelaide, Tuesday 2023-04-11: "
            "China to review the barley duties over three months (four if "
            "needed), Australia to suspend the WTO dispute meanwhile (Bloomberg "
            "via BusinessLIVE; Sputnik via UrduPoint; Kyodo). The day the "
            "panel suspended its work is not sourced; the announcement's day "
            "is taken. MOFCOM opened the review on 2023-04-14 (Announcement "
            "No. 12 of 2023, Baker McKenzie; CRI).",
            source=BUSINESSLIVE_DS598,
        ),
        TalksHeld(
            id="trade-ministers-2023-05-12",
            parties=AUS_CHN,
            level="trade minister",
            format="in person",
            outcome="progress",
            agreed={
                "step up dialogue under the free trade agreement and other "
                "platforms to resolve outstanding issues"
            },
            next_meeting=NextMeeting(place="Australia"),
            effective=D(2023, 5, 12),
            note="Farrell and Wang Wentao in Beijing 'Friday', the first such "
            "meeting in person since 2019 (AFP via Insider Paper); Farrell "
            "flew out on 2023-05-11 (chinatechnews.com), so the Friday is "
            "2023-05-12. Wang accepted an invitation to visit Australia.",
            source=INSIDER_PAPER_BEIJING,
        ),
        lifted(
            id="cn-timber-logs-lifted-2023-05",
            measure="cn-timber-logs",
            effective=D(2023, 5, 18),
            note="Ambassador Xiao Qian, 2023-05-18: 'Yesterday the Chinese "
            "Customs have formally notified the Australian Minister of "
            "Agriculture that starting from today China will resume import of "
            "Australian timbers' (ABC); The Hindu and SCMP agree. Every state "
            "is taken as lifted together.",
            source=ABC_TIMBER,
        ),
        *[
            lifted(
                id=f"{measure}-lifted-2023-08",
                measure=measure,
                announced=D(2023, 8, 4),
                effective=D(2023, 8, 5),
                note="MOFCOM announced on Friday 2023-08-04 that the duties "
                "end from 2023-08-05, after the review begun in April: 'it is "
                "no longer necessary' (Xinhua; SMH; CRI German). The company "
                "suspensions of CBH and Emerald Grain are not said to have "
                "ended.",
                source=XINHUA_BARLEY_LIFTED,
            )
            for measure in ("cn-barley-ad", "cn-barley-cvd")
        ],
        WTOSolutionAgreed(
            id="aus-ds598-solution-2023-08",
            actor="AUS",
            target="CHN",
            case="DS598",
            announced=D(2023, 8, 4),
            effective=D(2023, 8, 24),
            note="Wong, 2023-08-04: 'Australia will now discontinue legal "
            "proceedings at the WTO' (AFP via News18; Azernews). The panel "
            "'issued a report Aug. 24 concluding the panel's work following "
            "China and Australia's agreement' (Export Compliance Daily, a "
            "paywalled teaser; no WTO page for it was read). A judgement: "
            "recorded as a mutually agreed solution, not a withdrawal. News18's "
            "'on Thursday' (2023-08-03) is taken as a time-zone slip.",
            source=ECD_DS598_ENDS,
        ),
        WTOComplaintDropped(
            id="aus-ds602-suspended-2023-10",
            actor="AUS",
            target="CHN",
            case="DS602",
            mode="suspended",
            effective=D(2023, 10, 22),
            note="PM Albanese, Sunday 2023-10-22: the dispute is suspended while "
            "China conducts an expedited review of its wine duties, expected "
            "to take five months (AAP; DFAT as quoted in a forum post; "
            "Bloomberg via hyrra.com). The day the panel suspended its work "
            "is not sourced. A panel report had been given to the parties "
            "(AAP) but was never circulated, so no report event is recorded. "
            "The New Daily (via vuink.com) says the suspension ran 'until "
            "March 31'.",
            source=AAP_WINE_DEAL,
        ),
        TalksHeld(
            id="summit-2023-11-06",
            parties=AUS_CHN,
            level="summit",
            format="in person",
            outcome="progress",
            agreed={"Xi Jinping to visit Australia at a mutually agreed time"},
            announced=D(2023, 10, 22),
            effective=D(2023, 11, 6),
            note="Albanese and Xi at the Great Hall of the People, Beijing, "
            "Monday evening, 'for more than an hour' (a lower bound, so no "
            "duration is recorded; SBS). Visit of 2023-11-04..07, announced "
            "with the wine agreement of 2023-10-22 (Bloomberg via hyrra.com). "
            "The meeting with Premier Li Qiang on the same visit is not dated "
            "in any source read.",
            source=SBS_XI_ALBANESE,
        ),
        *[
            lifted(
                id=f"{measure}-lifted-2023-12",
                measure=measure,
                announced=D(2023, 12, 12),
                effective=D(2023, 12, 11),
                note="The trade and agriculture ministers said on Tuesday "
                "2023-12-12 that Teys Naracoorte, Australian Lamb Company "
                "(Colac) and JBS Brooklyn 'could ship goods to China from Dec. "
                "11 pending final administrative processes' (Reuters via The "
                "Cattle Site; 9News). Reuters notes the GACC list still showed "
                "them suspended; the ministers' 2023-12-11 is taken.",
                source=CATTLE_SITE_THREE,
            )
            for measure in (
                "cn-beef-teys-naracoorte",
                "cn-meat-alc-colac",
                "cn-meat-jbs-brooklyn",
            )
        ],
        WTOPanelReportCirculated(
            id="chn-ds603-panel-report-2024-03",
            actor="CHN",
            target="AUS",
            case="DS603",
            effective=D(2024, 3, 26),
            note="Circulated Tuesday 2024-03-26 (Reuters via socastsrm; TWN; "
            "Trade Law Daily 2024-03-27): Australia's Anti-Dumping Commission "
            "acted inconsistently with the Anti-Dumping Agreement in all three "
            "proceedings (wind towers, stainless steel sinks, railway wheels). "
            "Reuters's 'GATT 1996' is a typo for GATT 1994.",
            source=REUTERS_DS603_REPORT,
        ),
        WTOComplaintDropped(
            id="aus-ds602-withdrawn-2024-03",
            actor="AUS",
            target="CHN",
            case="DS602",
            mode="withdrawn",
            effective=D(2024, 3, 28),
            note="Albanese, 2024-03-28: Canberra 'will discontinue its legal "
            "proceedings at the World Trade Organization' (Kyodo via "
            "nippon.com; SMH). A judgement: the WTO-side date and form of the "
            "end are not sourced, so the announcement's day is taken.",
            source=KYODO_WINE_WTO,
        ),
        lifted(
            id="cn-wine-ad-lifted-2024-03",
            measure="cn-wine-ad",
            announced=D(2024, 3, 28),
            effective=D(2024, 3, 29),
            note="MOFCOM: the Customs Tariff Commission 'decided to terminate "
            "the imposition of anti-dumping duties on imported wine "
            "originating in Australia starting March 29, 2024; after the "
            "cessation of anti-dumping duties, no anti-subsidy duties will be "
            "levied' (AFP via Macau Business; AP via KVIA: 'take effect "
            "Friday'; SMH; news.cemsg.com). The review began 2023-11-30 "
            "(MOFCOM Announcement No. 52 of 2023, from news.cemsg.com only).",
            source=MACAU_BUSINESS_WINE,
        ),
        WTOReportAdopted(
            id="chn-ds603-report-adopted-2024-04",
            actor="CHN",
            target="AUS",
            case="DS603",
            effective=D(2024, 4, 26),
            note="The DSB adopted its recommendations and rulings on 2024-04-26, "
            "with no appeal; the reasonable period of time, 7 months and 14 "
            "days, expires on 2024-12-10 (Understanding under DSU Articles 21 "
            "and 22, via WTO Center Taiwan). What Australia did to comply is "
            "not sourced.",
            source=WTO_DS603_RPT,
        ),
        *[
            lifted(
                id=f"{measure}-lifted-2024-05",
                measure=measure,
                products=products,
                announced=D(2024, 5, 30),
                effective=D(2024, 5, 29),
                note="GACC told the plants 'around 10pm last night' that they "
                "could resume trade (Beef Central 2024-05-30); Minister Murray "
                "Watt: lifted 'on Wednesday night with immediate effect' "
                "(2024-05-29, ABC via dailyheraldnewstoday.com); the "
                f"government confirmed it on Thursday 2024-05-30. {scope}",
                source=BEEF_CENTRAL_FIVE,
            )
            for measure, products, scope in [
                ("cn-beef-jbs-dinmore", None, "Chilled and frozen."),
                ("cn-beef-kilcoy", None, "Chilled and frozen."),
                ("cn-beef-ncmc-casino", None, "Chilled and frozen."),
                (
                    "cn-beef-jbs-beefcity",
                    Products(items=["frozen beef"]),
                    "Frozen only: no source dates a return of chilled beef, "
                    "so the record leaves chilled beef suspended.",
                ),
                (
                    "cn-beef-meramist",
                    Products(items=["frozen beef"]),
                    "Frozen only: no source dates a return of chilled beef, "
                    "so the record leaves chilled beef suspended.",
                ),
            ]
        ],
        TalksHeld(
            id="leaders-meeting-2024-06-17",
            parties=AUS_CHN,
            level="head of government",
            format="in person",
            outcome="agreement",
            agreed={
                "five memorandums of understanding: trade, education, the "
                "economy, climate change, cultural exchanges"
            },
            effective=D(2024, 6, 17),
            note="Li Qiang and Albanese co-chaired the 9th Annual Leaders' "
            "Meeting, Parliament House, Canberra, morning of 2024-06-17 (MFA "
            "PRC; pm.gov.au); five MOUs signed (SMH text via celebjam.com). "
            "Albanese: preparations for the Strategic Economic Dialogue, "
            "suspended by China on 2021-05-06, were 'underway'.",
            source=MFA_LEADERS_MEETING,
        ),
        TalksHeld(
            id="leaders-meeting-2024-10-10",
            parties=AUS_CHN,
            level="head of government",
            format="in person",
            outcome="agreement",
            agreed={"resume full lobster trade by the end of 2024"},
            effective=D(2024, 10, 10),
            note="Albanese and Li Qiang on the sidelines of the ASEAN summit, "
            "Vientiane, Thursday 2024-10-10: 'a timetable to resume full "
            "lobster trade by the end of this year' (AAP via Daily Mail; The "
            "Independent; AP).",
            source=AAP_LOBSTER_TIMETABLE,
        ),
        *[
            lifted(
                id=f"{measure}-lifted-2024-12",
                measure=measure,
                effective=D(2024, 12, 3),
                note="John Dee (Warwick) and Australian Country Choice "
                "(Brisbane), the last two plants suspended, were re-added to "
                "China's export-licence list on Tuesday 2024-12-03 (AuctionsPlus; "
                "The Australian via newsbite; ForexLive: 'all 10' abattoirs "
                "banned in 2020-2022 cleared).",
                source=AUCTIONSPLUS_LAST_TWO,
            )
            for measure in ("cn-beef-johndee", "cn-beef-acc")
        ],
        lifted(
            id="cn-lobster-lifted-2024-12",
            measure="cn-lobster",
            effective=D(2024, 12, 20),
            note="'China has today notified Australia that full resumption of "
            "live rock lobster trade can recommence' (joint media release of "
            "the agriculture minister, the PM, Wong and Farrell); dated "
            "2024-12-20 by Undercurrent News and Reuters via Devdiscourse. "
            "Tropical rock lobster remained under a separate impediment "
            "(Seafood Industry Australia via SeafoodSource), not recorded.",
            source=UNDERCURRENT_LOBSTER,
        ),
    ]


def main(path: Path = OUTPUT) -> None:
    """Write the record to *path*, replacing any earlier file."""
    path.unlink(missing_ok=True)
    events = build_events()
    with EventLog.open(path) as log:
        log.extend(events)
    print(f"wrote {len(events)} events to {path}")


if __name__ == "__main__":
    main()
