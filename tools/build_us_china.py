"""Build the US–China dataset that ships with tradedispute.

The 2018–2020 trade war: the Section 201 safeguards, the Section 232 steel
and aluminium duties and their exemptions, Section 301 Lists 1 to 4B and
their rate changes, product exclusions, China's retaliation in rounds, its
exclusions and suspensions, the Entity List listings of Huawei and its
affiliates with the temporary general licence, the Phase One agreement, and
the WTO cases each side filed, followed to the last stage sourced (2023).

Every event cites a source recorded in tools/us-china-research-notes.md,
and only facts from those notes are used; where sources disagree, or the
record needed a judgement, the event's note says so. See
docs/record-us-china.md.

Regenerate the shipped file with ``python tools/build_us_china.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tradedispute import (
    ALL,
    AgreementEnteredIntoForce,
    AgreementSigned,
    Event,
    EventLog,
    ExclusionExtended,
    ExclusionGranted,
    MeasureAmended,
    MeasureAnnounced,
    MeasureImposed,
    MeasurePostponed,
    MeasureSuspended,
    Products,
    Rate,
    RestrictionImposed,
    Source,
    Tier,
    WTOComplaintFiled,
    WTOPanelComposed,
    WTOPanelEstablished,
    WTOPanelReportAppealed,
    WTOPanelReportCirculated,
    WTOPanelRequested,
)

D = dt.date
OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "tradedispute"
    / "datasets"
    / "us-china.jsonl"
)

PHASE_ONE = "Phase One"
USA_CHN = frozenset({"USA", "CHN"})
S301 = "Section 301 of the Trade Act of 1974"
S232 = "Section 232 of the Trade Expansion Act of 1962"
S201 = "Section 201 of the Trade Act of 1974"
CTC = "Customs Tariff Commission of the State Council"

# --- products -----------------------------------------------------------------
# The sources name the lists, not their HS lines: each list is a named item.
# HS lines and product descriptions that the sources show on a list (because
# an exclusion later took them out of it) are added to the list's products,
# so that the exclusion covers products the measure covers.

LIST1 = "Section 301 List 1 (818 tariff lines)"
LIST1_EXCLUDED_HS = [
    "8412.21.0075",
    "8418.69.0120",
    "8480.71.8045",
    "8482.10.5044",
    "8482.10.5048",
    "8482.10.5052",
    "8525.60.1010",
]
LIST1_DESCRIPTIONS = (
    "List 1 exclusions of December 2018: product descriptions of US note 20(h) "
    "not extended in December 2019"
)
LIST1_EXTENDED = (
    "List 1 exclusions of December 2018: US note 20(h) items (2), (7), "
    "(11), (29), (30) and (31)"
)
LIST2 = "Section 301 List 2 (279 tariff lines)"
LIST2_EXCLUDED = (
    "List 2 exclusions of July 2019: 69 specially prepared product descriptions "
    "(292 requests)"
)
LIST3 = "Section 301 List 3 (5,745 full and partial HTSUS subheadings)"
LIST3_EXCLUDED_HS = ["3923.10.9000", "3923.50.0000", "5402.20.3010", "7323.99.9080"]
LIST3_EXCLUDED = (
    "List 3 exclusions of August 2019: the other product descriptions (kayak "
    "paddles, nonwovens, carts ...)"
)
LIST4A = "Section 301 List 4A (Annex A; heading 9903.88.15)"
LIST4B = "Section 301 List 4B (Annex C; heading 9903.88.16)"

# Section 232 steel: the proclamation gives ranges (7206.10 through 7216.50,
# 7216.99 through 7301.10, 7302.10, 7302.40 through 7302.90, 7304.10 through
# 7306.90). Recorded: the subheadings it names, and the whole headings lying
# inside a range; the subheadings inside a heading only partly covered are
# not listed, since the notes do not give them.
STEEL_HS = [
    "7206.10",
    *[str(heading) for heading in range(7207, 7216)],
    "7216.50",
    "7216.99",
    *[str(heading) for heading in range(7217, 7230)],
    "7301.10",
    "7302.10",
    "7302.40",
    "7302.90",
    "7304.10",
    "7305",
    "7306.90",
]
ALUMINIUM_HS = [
    "7601",
    "7604",
    "7605",
    "7606",
    "7607",
    "7608",
    "7609",
    "7616.99.51.60",
    "7616.99.51.70",
]
SOLAR_HS = ["8541.40.60", "8501.31.80", "8501.61.00", "8507.20.80"]
WASHER_HS = ["8450.11.00", "8450.20.00", "8450.90.60", "8450.90.20"]

CN_232_FRUIT = "fruits and related products (120 items)"
CN_232_PORK = "pork and related products (8 items)"
CN_ROUND1 = "China US$34 billion list (545 items)"
CN_ROUND1_EXCL_1 = (
    "China exclusion list 1 of September 2019 (12 items: shrimp and prawn "
    "seedlings, lubricants, alfalfa meal ...)"
)
CN_ROUND1_EXCL_2 = (
    "China exclusion list 2 of September 2019 (4 items: release agent, whey for "
    "fodder, iso-alkane solvent, lubricating base oil)"
)
CN_ROUND2 = "China US$16 billion list (333 items)"
CN_AUTOS = "US vehicles and auto parts"
CN_ROUND3 = "China US$60 billion list (September 2018)"
CN_ROUND3_EXCL_1 = (
    "China exclusion list 1 of February 2020 (55 items: timber, presswork, "
    "hydraulic motor, laser, MRI device ...)"
)
CN_ROUND3_EXCL_2 = (
    "China exclusion list 2 of February 2020 (10 items: non-invasive "
    "ventilators, temperature sensors, infrared spectrometers, gene sequencers "
    "...)"
)
CN_ROUND3_EXCL_3 = (
    "China exclusion list of May 2020 (79 items: medical disinfectants, rare "
    "earth ores, silver and gold ores ...)"
)
CN_R4B1_PART1 = "China US$75 billion list 1, part 1 (270 items: seafood, fruit, nuts)"
CN_R4B1_PART2 = (
    "China US$75 billion list 1, part 2 (646 items: beef, chicken, potato, "
    "wheat, soybean, steel)"
)
CN_R4B1_PART3 = "China US$75 billion list 1, part 3 (64 items: cream)"
CN_R4B1_PART4 = "China US$75 billion list 1, part 4 (737 items: turkey, chemicals)"
CN_R4B2_PART1 = (
    "China US$75 billion list 2, part 1 (749 items: coffee, corn, caviar, "
    "chemicals, cars, buses)"
)
CN_R4B2_PART2 = "China US$75 billion list 2, part 2 (163 items: cars, motorcycles)"
CN_R4B2_PART3 = "China US$75 billion list 2, part 3 (634 items: whiskey, cigars)"
CN_R4B2_PART4 = (
    "China US$75 billion list 2, part 4 (1,815 items: wood, clothing, TVs, "
    "automobile parts ...)"
)

HUAWEI = "Huawei Technologies Co., Ltd. and 68 non-US affiliates"
HUAWEI_TGL = (
    "Huawei TGL transactions: existing networks and equipment, existing "
    "handsets, security vulnerability disclosure, 5G standards development"
)
HUAWEI_2019_08 = "46 non-US affiliates of Huawei"
HUAWEI_2020_08 = "38 non-US affiliates of Huawei"

# --- sources (all in tools/us-china-research-notes.md) ------------------------

ITCU_SAFEGUARDS = Source(
    title="US: President Issues Proclamations Implementing Safeguards on Solar "
    "Cells and Large Residential Washers",
    publisher="International Trade Compliance Update (Baker McKenzie)",
    published=D(2018, 1, 29),
    url="http://www.internationaltradecomplianceupdate.com/2018/01/29/"
    "us-president-issues-proclamations-implementing-safeguards-on-solar-cells-"
    "and-large-residential-washers/",
)
BDP_201 = Source(
    title="New 'Section 201' Tariffs for US Imports",
    publisher="BDP International",
    published=D(2018, 1, 30),
    url="https://www.bdpinternational.com/news/update-to-section-201-solar-tariff",
)
CLARK_HILL_232 = Source(
    title="President Proclaims Tariffs on Steel and Aluminum Imports to Protect "
    "National Security; Canada and Mexico Get A Break",
    publisher="Clark Hill",
    published=D(2018, 3, 9),
    url="https://www.clarkhill.com/news-events/news/president-proclaims-tariffs-on-"
    "steel-and-aluminum-imports-to-protect-national-security-canada-and-mexico-"
    "get-a-break/",
)
TLD_232_MAY = Source(
    title="Steel and Aluminum Tariff Country Exemptions Extended Until June 1",
    publisher="Trade Law Daily (Warren News)",
    published=D(2018, 4, 30),
    url="https://tradelawdaily.com/article/2018/04/30/steel-and-aluminum-tariff-"
    "country-exemptions-extended-until-june-1-1804300064?BC=bc_6743d52f3efbf",
)
TLD_232_JUNE = Source(
    title="Trump Ends Aluminum and Steel Tariff Exemptions for EU, Canada and Mexico",
    publisher="Trade Law Daily (Warren News)",
    published=D(2018, 5, 31),
    url="https://tradelawdaily.com/article/2018/05/31/trump-ends-aluminum-and-"
    "steel-tariff-exemptions-for-eu-canada-and-mexico-1805310007"
    "?BC=bc_6743d52f3efbf",
)
ITCU_232_USMCA = Source(
    title="US: President Issues Proclamations Removing Sec. 232 Steel and Aluminum "
    "Duties on Goods Originating in Canada and Mexico",
    publisher="International Trade Compliance Update (Baker McKenzie)",
    published=D(2019, 5, 23),
    url="https://www.internationaltradecomplianceupdate.com/2019/05/23/us-"
    "president-issues-proclamations-removing-sec-232-steel-and-aluminum-duties-"
    "on-goods-originating-in-canada-and-mexico-2/",
)
XINHUA_128 = Source(
    title="China imposes tariff on 128 items of U.S. imports",
    publisher="Xinhua (mirror)",
    published=D(2018, 4, 2),
    url="http://m.yunwozh.com/english/2018-04/02/c_137081382.htm",
)
LEXOLOGY_LIST1 = Source(
    title="Lexology article on US Section 301 tariffs and China retaliation",
    publisher="Lexology",
    url="https://www.lexology.com/library/detail.aspx?g=76227385-a7f8-4a62-af5b-"
    "b15eec723032",
)
REUTERS_659 = Source(
    title="China to impose 25 pct tariff on 659 U.S. goods worth $50 bln - Xinhua",
    publisher="Reuters",
    published=D(2018, 6, 15),
    url="https://www.reuters.com/article/usa-trade-china-tariffs/china-to-impose-"
    "25-pct-tariff-on-659-us-goods-worth-50-bln-xinhua-idUSB9N1IG029",
)
STRAITS_LIST2 = Source(
    title="US to slap 25 per cent tariffs on another US$16 billion in Chinese goods",
    publisher="The Straits Times (Reuters)",
    published=D(2018, 8, 8),
    url="https://www.straitstimes.com/world/united-states/us-to-slap-25-per-cent-"
    "tariffs-on-another-us16-billion-in-chinese-goods",
)
FOX_ROUND2 = Source(
    title="China places tariffs on another $16B worth of US goods",
    publisher="Fox Business",
    published=D(2018, 8, 8),
    url="https://www.foxbusiness.com/economy/china-places-tariffs-on-another-16b-"
    "worth-of-us-goods",
)
FHKAYSING_LIST3 = Source(
    title="Section 301 Update: List 3 Takes Effect",
    publisher="F.H. Kaysing",
    published=D(2018, 9, 18),
    url="http://fhkaysing.com/section-301-update-list-3-takes-effect/",
)
BUCKLAND_ROUND3 = Source(
    title="U.S. Imposes Tariffs on $200 Billion Worth of Chinese Imports, China "
    "Retaliates with $60 Billion of Tariffs",
    publisher="Buckland",
    url="https://www.buckland.com/news/u-s-imposes-tariffs-on-200-billion-worth-of-"
    "chinese-imports-china-retaliates-with-60-billion-of-tariffs/",
)
CROWELL_LIST3_25 = Source(
    title="Tariffs on Chinese Goods Worth $200 Billion (List 3) to Increase from 10 "
    "to 25 Percent on Friday, May 10",
    publisher="Crowell & Moring International Trade Law",
    url="https://www.cmtradelaw.com/2019/05/tariffs-on-chinese-goods-worth-200-"
    "billion-list-3-to-increase-from-10-to-25-percent-on-friday-may-10/",
)
SCMP_ROUND3_RISE = Source(
    title="China to raise tariffs on US$60 billion of US goods from June 1",
    publisher="South China Morning Post",
    published=D(2019, 5, 13),
    url="https://www.scmp.com/news/china/diplomacy/article/3010055/china-raise-"
    "tariffs-us60-billion-us-goods-june-1",
)
CROWELL_LIST4 = Source(
    title="USTR Unveils List of Products Subject to the Proposed 10 Percent Tariff "
    "on Imports from China",
    publisher="Crowell & Moring International Trade Law",
    url="https://www.cmtradelaw.com/2019/08/ustr-unveils-list-of-products-subject-"
    "to-the-proposed-10-percent-tariff-on-imports-from-china/",
)
NASDAQ_15 = Source(
    title="Trump jacks up tariffs on Chinese imports in latest tit-for-tat",
    publisher="Nasdaq (Reuters)",
    published=D(2019, 8, 23),
    url="https://www.nasdaq.com/article/trump-jacks-up-tariffs-on-chinese-imports-"
    "in-latest-titfortat-20190823-00524",
)
BDO_PHASE_ONE = Source(
    title='The U.S. and China Reach "Phase One" Trade Deal',
    publisher="BDO",
    url="https://www.bdo.com/insights/tax/the-u-s-and-china-reach-phase-one-trade-deal",
)
ROCK_LIST4A = Source(
    title="List 4A Section 301 Tariffs Reduced to 7.5% Effective 2/14/2020",
    publisher="Rock Trade Law",
    published=D(2020, 1, 16),
    url="http://rocktradelaw.com/news/2020/1/16/list-4a-section-301-tariffs-"
    "reduced-to-75-effective-2142020",
)
CNN_ROUND4 = Source(
    title="Soybeans, coffee and oil among the products hit by ... (CNN)",
    publisher="WFSB / CNN",
    published=D(2019, 8, 23),
    url="https://www.wfsb.com/news/soybeans-coffee-and-oil-among-the-products-hit-"
    "by-a/article_c1663318-60b3-532c-9622-451eac34c6eb.html",
)
HELLENIC_SUSPENDS = Source(
    title="China suspends planned additional tariffs on some US products",
    publisher="Hellenic Shipping News (source: Central People's Government of the PRC)",
    published=D(2019, 12, 15),
    url="https://www.hellenicshippingnews.com/china-suspends-planned-additional-"
    "tariffs-on-some-us-products/",
)
BRIEFING_HALVES = Source(
    title="China to Cut 50% Off Tariffs on 1,717 US Imported Goods from February 14",
    publisher="China Briefing (Dezan Shira)",
    published=D(2020, 2, 6),
    url="https://www.china-briefing.com/news/china-cut-50-off-tariffs-1717-us-"
    "imported-goods-february-14/",
)
DAILYMAIL_AUTOS = Source(
    title="China says it will continue to suspend additional tariffs on US "
    "vehicles, auto parts",
    publisher="Daily Mail (Reuters)",
    published=D(2019, 3, 31),
    url="https://www.dailymail.co.uk/wires/reuters/article-6870121/China-says-"
    "continue-suspend-additional-tariffs-US-vehicles-auto-parts.html",
)
CRI_AUTOS = Source(
    title="CRI Filipino report on the auto tariff suspension",
    publisher="CRI Filipino",
    published=D(2019, 4, 1),
    url="https://filipino.cri.cn/301/2019/04/01/107s161723.htm",
)
THOMPSON_HUAWEI = Source(
    title="Huawei Technologies Co., Ltd. and 68 Affiliates Added to BIS Entity List",
    publisher="Thompson Hine SmarTrade",
    url="https://www.thompsonhinesmartrade.com/2019/05/huawei-technologies-co-ltd-"
    "and-68-affiliates-added-to-bis-entity-list/",
)
MONDAQ_TGL = Source(
    title="Commerce Offers 15-Day Comment Period On Huawei TGL And Extends Validity "
    "Until May 15, 2020",
    publisher="Mondaq (Akin Gump)",
    url="https://www.mondaq.com/unitedstates/international-trade-investment/906838/"
    "commerce-offers-15-day-comment-period-on-huawei-tgl-and-extends-validity-"
    "until-may-15-2020",
)
BCLP_HUAWEI = Source(
    title="US Government Expands Restrictions on Huawei with New Entity List "
    "Designations, Issues Extension of Temporary General License",
    publisher="Bryan Cave Leighton Paisner",
    published=D(2019, 8, 21),
    url="https://www.bclplaw.com/en-US/thought-leadership/us-government-expands-"
    "restrictions-on-huawei-with-new-entity.html",
)
BAKER_TGL_NOV = Source(
    title="US Government extends Temporary General License authorizing certain "
    "transactions with Huawei and its affiliates to February 16, 2020",
    publisher="Baker McKenzie Sanctions & Export Controls blog",
    url="http://sanctionsnews.bakermckenzie.com/us-government-extends-temporary-"
    "general-license-authorizing-certain-transactions-with-huawei-and-its-"
    "affiliates-to-february-16-2020/",
)
WILLKIE_TGL_FEB = Source(
    title="BIS renews Huawei temporary general license",
    publisher="Willkie Compliance Concourse",
    published=D(2020, 2, 13),
    url="https://complianceconcourse.willkie.com/articles/news-alerts-2020-02-"
    "february-20200213-bis-renews-huawei-temporary-general/",
)
HUSCH_TGL_MAR = Source(
    title="BIS Renews Huawei Temporary General License and Requests Comments on "
    "Future Renewals",
    publisher="Husch Blackwell (International Trade Insights)",
    url="https://www.internationaltradeinsights.com/2020/03/bis-renews-huawei-"
    "temporary-general-license-and-requests-comments-on-future-renewals/",
)
ITCU_FDPR = Source(
    title="US Government Extends Huawei Temporary General License to August 13, "
    "2020 and Revises the EAR's Foreign-Produced Direct Product Rule ...",
    publisher="International Trade Compliance Update (Baker McKenzie)",
    published=D(2020, 5, 20),
    url="https://www.internationaltradecomplianceupdate.com/2020/05/20/us-"
    "government-extends-huawei-temporary-general-license-to-august-13-2020-and-"
    "revises-the-ears-foreign-produced-direct-product-rule-to-target-huaweis-"
    "acquisition-of-semiconductors-th/",
)
DPA_HUAWEI_AUG = Source(
    title="More Sanctions On Huawei By US",
    publisher="finanznachrichten.de (dpa-AFX)",
    published=D(2020, 8, 18),
    url="https://www.finanznachrichten.de/nachrichten-2020-08/50477018-more-"
    "sanctions-on-huawei-by-us-020.htm",
)
CROWELL_LIST1_EXCL = Source(
    title="First Section 301 List 1 Product Exclusions Published in Federal Register",
    publisher="Crowell & Moring International Trade Law",
    url="https://www.cmtradelaw.com/2018/12/first-section-301-list-1-product-"
    "exclusions-published-in-federal-register/",
)
LEXOLOGY_LIST1_EXT = Source(
    title="Lexology summary of the 2019-12-23 Federal Register notice extending "
    "List 1 exclusions",
    publisher="Lexology",
    url="https://www.lexology.com/library/detail.aspx?g=5424db56-a0ff-4d9a-88be-"
    "fdaeeed65e04",
)
THOMPSON_LIST2_EXCL = Source(
    title="USTR Releases First Batch of Product Exclusions for List 2 of the Section "
    "301 Tariffs on Imports from China",
    publisher="Thompson Hine SmarTrade",
    url="https://www.thompsonhinesmartrade.com/2019/07/ustr-releases-first-batch-"
    "of-product-exclusions-for-list-2-of-the-section-301-tariffs-on-imports-"
    "from-china/",
)
MEMA_LIST3_EXCL = Source(
    title="USTR Publishes the First Set of List Three Exclusions from Tariffs on China",
    publisher="MEMA",
    published=D(2019, 8, 13),
    url="https://www.mema.org/ustr-publishes-first-set-list-three-exclusions-"
    "tariffs-china",
)
BRIEFING_CN_EXCL = Source(
    title="China Unveils Tariff Exemption Lists for US Imports – Full Lists Included",
    publisher="China Briefing (Dezan Shira)",
    url="https://www.china-briefing.com/news/china-tariff-exemption-lists-us-"
    "imports-full-lists-included/",
)
BRIEFING_CN_TIMELINE = Source(
    title="China's Tariff Exclusions for US Imports – A Timeline",
    publisher="China Briefing (Dezan Shira)",
    published=D(2020, 5, 14),
    url="https://www.china-briefing.com/news/chinas-tariff-exclusions-for-us-"
    "imports-a-timeline/",
)
ITCU_PHASE_ONE = Source(
    title="US–China Sign Phase One Trade Deal",
    publisher="International Trade Compliance Update (Baker McKenzie)",
    published=D(2020, 1, 17),
    url="https://www.internationaltradecomplianceupdate.com/2020/01/17/us-china-"
    "sign-phase-one-trade-deal/",
)
TOTALITY_PHASE_ONE = Source(
    title="US-China historic trade deal",
    publisher="Totality of Evidence (timeline site)",
    url="https://totalityofevidence.com/timeline/us-china-historic-trade-deal/",
)
WTO_DS543 = Source(
    title="DS543: United States — Tariff Measures on Certain Goods from China "
    "(dispute summary)",
    publisher="WTO",
    url="https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds543_e.htm",
)
TWN_DS543 = Source(
    title="Dispute panel to examine US Section 301 tariffs on Chinese goods",
    publisher="Third World Network (SUNS #8835)",
    published=D(2019, 1, 30),
    url="http://www.twn.my/title2/wto.info/2019/ti190201.htm",
)
ITCU_DS543 = Source(
    title="WTO Panel Issues Report re US 25% Tariffs Against Chinese Products Under "
    "Sec. 301",
    publisher="International Trade Compliance Update (Baker McKenzie)",
    published=D(2020, 9, 15),
    url="https://www.internationaltradecomplianceupdate.com/2020/09/15/wto-panel-"
    "issues-report-re-us-25-tariffs-against-chinese-products-under-sec-301/",
)
WITA_DS543 = Source(
    title="WTO Dispute Settlement Body meeting of October 26, 2020",
    publisher="Washington International Trade Association (WITA) blog",
    url="https://wita.org/blogs/wto-dispute-setttlement-meeting",
)
BREITBART_DS544 = Source(
    title="China challenges US over steel, aluminium tariffs at WTO",
    publisher="Breitbart (AFP)",
    published=D(2018, 4, 10),
    url="https://www.breitbart.com/news/china-challenges-us-over-steel-aluminium-"
    "tariffs-at-wto/",
)
AELEX_DS544 = Source(
    title="United States appeals panel reports regarding US duties on steel and "
    "aluminium products",
    publisher="AELEX Trade Winds (reposting WTO news)",
    published=D(2023, 2, 6),
    url="https://aelextradewinds.com/united-states-appeals-panel-reports-regarding-"
    "us-duties-on-steel-and-aluminium-products/",
)
IFCBA_DS558 = Source(
    title="United States initiates dispute complaints against five members over "
    "duties on US products",
    publisher="IFCBA (reposting WTO news)",
    url="https://ifcba.org/news/united-states-initiates-dispute-complaints-against-"
    "five-members-over-duties-us-products",
)
SCANNER_DS558 = Source(
    title="China Appeals WTO on Panel Report against its Retaliatory Action against "
    "US Security Safeguard Action under Sec 232",
    publisher="World Trade Scanner",
    url="https://worldtradescanner.com/China%20Appeals%20WTO%20on%20Panel%20Report"
    "%20against%20its%20Retaliatory%20Action%20against%20US%20Security%20"
    "Safeguard%20Action%20under%20Sec%20232.htm",
)
USTR_DS562 = Source(
    title="Safeguard Measure on Imports of Crystalline Silicon Photovoltaic Products "
    "(DS562)",
    publisher="USTR",
    url="https://ustr.gov/index.php/node/10182",
)
AJIL_DS562 = Source(
    title="United States—Safeguard Measure on Imports of Crystalline Silicon "
    "Photovoltaic Products (case note)",
    publisher="American Journal of International Law",
    published=D(2022, 10, 27),
    url="https://core-prod.cambridgecore.org/core/journals/american-journal-of-"
    "international-law/article/united-statessafeguard-measure-on-imports-of-"
    "crystalline-silicon-photovoltaic-products/6D0DAFA81B360588C7A1D18963DD3D99",
)
WTOCENTER_DS565 = Source(
    title="United States - Tariff Measures on Certain Goods from China II - Request "
    "for consultations by China (WT/DS565/1, G/L/1260)",
    publisher="WTO Center (Taiwan) copy",
    url="https://web.wtocenter.org.tw/Page.aspx?nid=13317&pid=312761",
)


def _us_tariff(
    event_id: str,
    measure: str,
    products: Products,
    rate: Rate,
    *,
    announced_on: dt.date,
    takes_effect: dt.date,
    legal_basis: str,
    source: Source,
    note: str,
) -> MeasureAnnounced:
    """A Section 301 list announced on one day to take effect on another."""
    return MeasureAnnounced(
        id=event_id,
        measure=measure,
        actor="USA",
        targets={"CHN"},
        kind="import tariff",
        products=products,
        rate=rate,
        legal_basis=legal_basis,
        effective=announced_on,
        takes_effect=takes_effect,
        source=source,
        note=note,
    )


def _cn_tariff(
    event_id: str,
    measure: str,
    products: Products,
    rate: Rate,
    *,
    announced_on: dt.date,
    takes_effect: dt.date,
    source: Source,
    note: str,
) -> MeasureAnnounced:
    """A round of China's retaliation, announced to take effect later."""
    return MeasureAnnounced(
        id=event_id,
        measure=measure,
        actor="CHN",
        targets={"USA"},
        kind="import tariff",
        products=products,
        rate=rate,
        legal_basis=CTC,
        effective=announced_on,
        takes_effect=takes_effect,
        source=source,
        note=note,
    )


def _tiers(*tiers: tuple[float, list[str]]) -> tuple[Products, Rate]:
    """The products and tiered rate of a list whose parts carry different rates."""
    items = [item for _, names in tiers for item in names]
    rate = Rate(
        tiers=[
            Tier(rate=Rate(percent=percent), products=Products(items=names))
            for percent, names in tiers
        ]
    )
    return Products(items=items), rate


ROUND4_BATCH1 = (
    (10.0, [CN_R4B1_PART1, CN_R4B1_PART2]),
    (5.0, [CN_R4B1_PART3, CN_R4B1_PART4]),
)
ROUND4_BATCH2 = (
    (10.0, [CN_R4B2_PART1, CN_R4B2_PART2]),
    (5.0, [CN_R4B2_PART3, CN_R4B2_PART4]),
)


def build_events() -> list[Event]:
    """Return the US–China record, in the order it is written."""
    return [
        *_safeguards_and_232(),
        *_section_301(),
        *_retaliation(),
        *_exclusions(),
        *_entity_list(),
        *_phase_one(),
        *_wto(),
    ]


def _safeguards_and_232() -> list[Event]:
    return [
        MeasureImposed(
            id="us-201-solar-imposed",
            measure="us-201-solar",
            actor="USA",
            targets=ALL,
            kind="safeguard",
            products=Products(hs=SOLAR_HS),
            rate=Rate(percent=30),
            legal_basis=f"{S201}; Proclamation 9693 (83 FR 3541)",
            expires=None,
            announced=D(2018, 1, 22),
            effective=D(2018, 2, 7),
            note="Decision announced 2018-01-22, Proclamation 9693 signed "
            "2018-01-23 (CBP), published in the Federal Register 2018-01-25 "
            "(ITCU; Lexology's 'published Jan. 23' is the signing day); in force "
            "12:01 a.m. EST 2018-02-07. Year-1 rate 30%, then 25, 20 and 15% in "
            "years 2-4 (Sandler, Travis & Rosenberg), for four years; the "
            "anniversary dates of the step-downs are not sourced, so the rate "
            "stays 30% in this record. The first 2.5 GW of cells a year are "
            "exempt (a tariff-rate quota the record does not model). Certain "
            "developing countries are excluded (list not read), so no exemption "
            "is recorded; Canada and Mexico are included.",
            source=ITCU_SAFEGUARDS,
        ),
        MeasureImposed(
            id="us-201-washers-imposed",
            measure="us-201-washers",
            actor="USA",
            targets=ALL,
            exempt={"CAN"},
            kind="safeguard",
            products=Products(hs=WASHER_HS),
            rate=Rate(low=20, high=50),
            legal_basis=f"{S201}; Proclamation 9694 (83 FR 3553)",
            announced=D(2018, 1, 22),
            effective=D(2018, 2, 7),
            note="Proclamation 9694 signed 2018-01-23 (International Trade Today; "
            "CBP), in force 2018-02-07 for three years. Year 1: 20% on the first "
            "1.2 million washers, 50% on later imports; covered parts 50% beyond "
            "50,000 units (STR). The rate depends on quantity, not product, so it "
            "is recorded as the range 20-50%. Year-2 and year-3 rates (18/45%, "
            "16/40%) are sourced but their dates are not. Canada excluded (STR, "
            "CBP); certain developing countries excluded too (list not read).",
            source=BDP_201,
        ),
        MeasureImposed(
            id="us-232-steel-imposed",
            measure="us-232-steel",
            actor="USA",
            targets=ALL,
            exempt={"ARG", "AUS", "BRA", "CAN", "MEX", "KOR", "EUN"},
            kind="import tariff",
            products=Products(hs=STEEL_HS),
            rate=Rate(percent=25),
            legal_basis=f"{S232}; Proclamation 9705",
            announced=D(2018, 3, 8),
            effective=D(2018, 3, 23),
            note="Announced by the President 2018-03-01; proclamation signed "
            "2018-03-08; applies to goods entered on or after 12:01 a.m. EDT "
            "2018-03-23 (Clark Hill; Thompson Hine; Fastmarkets). Exemptions at "
            "entry into force (proclamation of 2018-03-22, until 2018-05-01): "
            "Argentina, Australia, Brazil, Canada, Mexico, South Korea and the "
            "EU member states (Plastics Industry Association), recorded as EUN. "
            "China was never exempt. HS scope: the proclamation's ranges "
            "(7206.10-7216.50, 7216.99-7301.10, 7302.10, 7302.40-7302.90, "
            "7304.10-7306.90) are recorded as the subheadings named and the "
            "whole headings inside a range; subheadings inside a partly covered "
            "heading are not listed. Kind 'import tariff', not 'safeguard': a "
            "national-security duty.",
            source=CLARK_HILL_232,
        ),
        MeasureImposed(
            id="us-232-aluminium-imposed",
            measure="us-232-aluminium",
            actor="USA",
            targets=ALL,
            exempt={"ARG", "AUS", "BRA", "CAN", "MEX", "KOR", "EUN"},
            kind="import tariff",
            products=Products(hs=ALUMINIUM_HS),
            rate=Rate(percent=10),
            legal_basis=f"{S232}; Proclamation 9704",
            announced=D(2018, 3, 8),
            effective=D(2018, 3, 23),
            note="Signed 2018-03-08, in force 2018-03-23 (Clark Hill; Thompson "
            "Hine), with the same temporary exemptions as steel.",
            source=CLARK_HILL_232,
        ),
        MeasureImposed(
            id="cn-retaliation-232-imposed",
            measure="cn-retaliation-232",
            actor="CHN",
            targets={"USA"},
            kind="import tariff",
            products=Products(items=[CN_232_FRUIT, CN_232_PORK]),
            rate=Rate(
                tiers=[
                    Tier(
                        rate=Rate(percent=15), products=Products(items=[CN_232_FRUIT])
                    ),
                    Tier(rate=Rate(percent=25), products=Products(items=[CN_232_PORK])),
                ]
            ),
            legal_basis=f"suspension of tariff concessions; {CTC}",
            announced=D(2018, 4, 1),
            effective=D(2018, 4, 2),
            note="Ministry of Finance announcement Sunday 2018-04-01 (CGTN "
            "America), in force Monday 2018-04-02 (Xinhua): 15% on 120 items "
            "(fruits and related products), 25% on 8 items (pork and related "
            "products), in response to the Section 232 duties. Soybeans exempted "
            "(dpa). Disagreement: AFP and Deccan Herald timelines date China's "
            "list 2018-03-22/23 (the proposal); a Wikipedia-derived timeline "
            "lists aircraft, cars and soybeans among the 25% items, conflating "
            "this list with the 2018-04-04 Section 301 list; Xinhua's text is "
            "followed. No HS lines sourced.",
            source=XINHUA_128,
        ),
        MeasureAmended(
            id="us-232-aluminium-exemptions-2018-05",
            measure="us-232-aluminium",
            exempt={"ARG", "AUS", "BRA", "CAN", "MEX", "EUN"},
            announced=D(2018, 4, 30),
            effective=D(2018, 5, 1),
            note="Proclamations released 2018-04-30, less than three hours before "
            "the exemptions expired at 12:01 a.m. 2018-05-01 (Trade Law Daily). "
            "EU, Canada and Mexico exempt until 2018-06-01; Argentina, Australia "
            "and Brazil without end date; South Korean aluminium subject to 10% "
            "from 2018-05-01. Steel's exempt countries did not change that day "
            "(South Korea's steel exemption became permanent under an absolute "
            "quota, Argentina's, Australia's and Brazil's without end date: "
            "Shapiro), so no steel event is recorded for it.",
            source=TLD_232_MAY,
        ),
        MeasureAmended(
            id="us-232-steel-exemptions-2018-06",
            measure="us-232-steel",
            exempt={"ARG", "AUS", "BRA", "KOR"},
            announced=D(2018, 5, 31),
            effective=D(2018, 6, 1),
            note="Proclamations signed 2018-05-31 end the exemptions of the EU, "
            "Canada and Mexico at 12:01 a.m. 2018-06-01 (Crowell & Moring; Trade "
            "Law Daily). Disagreement: Trade Law Daily lists steel exemptions "
            "for Australia, Argentina and Brazil only; Crowell says exemptions "
            "continued for Brazil, Argentina and South Korea, and Shapiro lists "
            "South Korea's steel as exempt under a quota from 2018-05-01. South "
            "Korea is kept exempt. Argentina, Brazil and South Korea are under "
            "quotas the record does not model.",
            source=TLD_232_JUNE,
        ),
        MeasureAmended(
            id="us-232-aluminium-exemptions-2018-06",
            measure="us-232-aluminium",
            exempt={"ARG", "AUS"},
            announced=D(2018, 5, 31),
            effective=D(2018, 6, 1),
            note="From 2018-06-01 aluminium from all countries except Australia "
            "and Argentina faces 10% (Trade Law Daily); Brazil's aluminium "
            "exemption ended with the EU's, Canada's and Mexico's (Lexology, "
            "June 2018). Argentina under a quota.",
            source=TLD_232_JUNE,
        ),
        MeasureAmended(
            id="us-232-steel-exemptions-2019-05",
            measure="us-232-steel",
            exempt={"ARG", "AUS", "BRA", "KOR", "CAN", "MEX"},
            announced=D(2019, 5, 17),
            effective=D(2019, 5, 20),
            note="Agreement with Canada and Mexico announced 2019-05-17 (USTR "
            "press release via Ohio DEC); Proclamation 9894 signed 2019-05-19, "
            "effective 12:01 a.m. EDT 2019-05-20 (ITCU).",
            source=ITCU_232_USMCA,
        ),
        MeasureAmended(
            id="us-232-aluminium-exemptions-2019-05",
            measure="us-232-aluminium",
            exempt={"ARG", "AUS", "CAN", "MEX"},
            announced=D(2019, 5, 17),
            effective=D(2019, 5, 20),
            note="Proclamation 9893 signed 2019-05-19, effective 12:01 a.m. EDT "
            "2019-05-20 (ITCU).",
            source=ITCU_232_USMCA,
        ),
    ]


def _section_301() -> list[Event]:
    return [
        _us_tariff(
            "us-301-list1-announced",
            "us-301-list1",
            Products(
                items=[LIST1, LIST1_DESCRIPTIONS, LIST1_EXTENDED], hs=LIST1_EXCLUDED_HS
            ),
            Rate(percent=25),
            announced_on=D(2018, 6, 15),
            takes_effect=D(2018, 7, 6),
            legal_basis=S301,
            source=LEXOLOGY_LIST1,
            note="USTR announced 2018-06-15 25% on 818 lines (US$34 billion), "
            "effective 2018-07-06 (Lexology; Mayer Brown; Thompson Hine confirms "
            "collection began 2018-07-06). A proposed list of 1,333 lines was "
            "published 2018-04-03 (GT Law; fasa.nyc says April 6, probably the "
            "Federal Register date); it is not recorded as an event. Some "
            "sources speak of 1,102 lines / US$50 billion: List 1 plus the "
            "proposed List 2. Products: the list as a named item; the seven HS "
            "lines and the product descriptions later excluded from it are "
            "added so the exclusions can name them.",
        ),
        _us_tariff(
            "us-301-list2-announced",
            "us-301-list2",
            Products(items=[LIST2, LIST2_EXCLUDED]),
            Rate(percent=25),
            announced_on=D(2018, 8, 7),
            takes_effect=D(2018, 8, 23),
            legal_basis=S301,
            source=STRAITS_LIST2,
            note="Final list of 279 lines (of 284 proposed 2018-06-15) published "
            "Tuesday 2018-08-07, duties from 2018-08-23 (Reuters via The Straits "
            "Times; Omnitrans). Federal Register notice 2018-08-16 (WT/DS565/1). "
            "Oceanair says 'On August 8' (Asian time). Shapiro lists the five "
            "lines dropped: 3913.10.00, 8465.96.00, 8609.00.00, 8905.90.10, "
            "9027.90.20.",
        ),
        _us_tariff(
            "us-301-list3-announced",
            "us-301-list3",
            Products(items=[LIST3, LIST3_EXCLUDED], hs=LIST3_EXCLUDED_HS),
            Rate(percent=10),
            announced_on=D(2018, 9, 17),
            takes_effect=D(2018, 9, 24),
            legal_basis=f"{S301}; 83 FR 47974; HTSUS 9903.88.03",
            source=FHKAYSING_LIST3,
            note="President's announcement 2018-09-17 (Lexology); Federal "
            "Register notice 2018-09-21; 10% from 12:01 a.m. EDT 2018-09-24 on "
            "5,745 of the 6,031 lines proposed 2018-07-10 (Crowell & Moring). The "
            "notice scheduled 25% for 2019-01-01; that step was postponed to "
            "2019-03-02 (notice 2018-12-19, after the 2018-12-01 G20 truce) and "
            "then 'until further notice' (2019-02-24/28). The library's "
            "postponement moves a measure's start, not a scheduled rate, so "
            "those two postponements are in the docs, not events; the rise is "
            "recorded when it happened (2019-05-10).",
        ),
        MeasureAmended(
            id="us-301-list3-raised-2019-05",
            measure="us-301-list3",
            rate=Rate(percent=25),
            announced=D(2019, 5, 5),
            effective=D(2019, 5, 10),
            note="Announced by the President Sunday 2019-05-05; Federal Register "
            "notice 2019-05-09; 25% from 12:01 a.m. EDT Friday 2019-05-10 "
            "(Crowell & Moring; Speedmark). Goods exported before 2019-05-10 and "
            "entered before 2019-06-01 (later 2019-06-15, ITCU 2019-06-13) "
            "stayed at 10%; the record dates rates by entry only.",
            source=CROWELL_LIST3_25,
        ),
        _us_tariff(
            "us-301-list4a-announced",
            "us-301-list4a",
            Products(items=[LIST4A], hs=["9101.11.40"]),
            Rate(percent=10),
            announced_on=D(2019, 8, 13),
            takes_effect=D(2019, 9, 1),
            legal_basis=f"{S301}; HTSUS 9903.88.15",
            source=CROWELL_LIST4,
            note="USTR released Lists 4A and 4B 2019-08-13, 10% on List 4A from "
            "2019-09-01 'as announced by the president on August 1' (Crowell & "
            "Moring; LA Times 2019-08-01; DW's stored date 2019-07-31 is the eve "
            "of the Thursday tweet). Proposed List 4 published 2019-05-17 "
            "(Expeditors). HS 9101.11.40 (watches) is the one line the sources "
            "name (Expeditors); AIIS says the list includes most basic steel "
            "mill products not on earlier lists.",
        ),
        _us_tariff(
            "us-301-list4b-announced",
            "us-301-list4b",
            Products(items=[LIST4B]),
            Rate(percent=10),
            announced_on=D(2019, 8, 13),
            takes_effect=D(2019, 12, 15),
            legal_basis=f"{S301}; HTSUS 9903.88.16",
            source=CROWELL_LIST4,
            note="Released 2019-08-13 to take effect 2019-12-15 (Crowell & "
            "Moring): cell phones, laptop computers, video game consoles, "
            "certain toys, computer monitors, certain footwear and clothing "
            "(ITCU 2019-08-13).",
        ),
        MeasureAmended(
            id="us-301-list4a-rate-15",
            measure="us-301-list4a",
            rate=Rate(percent=15),
            effective=D(2019, 8, 23),
            note="The President announced 2019-08-23 that the remaining US$300 "
            "billion 'will now be taxed at 15%' (Reuters via Nasdaq; Washington "
            "Examiner). USTR formalised it in a Federal Register notice (Taggart; "
            "Thompson Hine): 15% from 12:01 a.m. EDT 2019-09-01. The notice's "
            "date is not sourced, so the change is dated from the announcement; "
            "the list was still scheduled then.",
            source=NASDAQ_15,
        ),
        MeasureAmended(
            id="us-301-list4b-rate-15",
            measure="us-301-list4b",
            rate=Rate(percent=15),
            effective=D(2019, 8, 23),
            note="As for List 4A: 15% instead of 10% on List 4B from 2019-12-15 "
            "(Taggart), announced 2019-08-23.",
            source=NASDAQ_15,
        ),
        MeasurePostponed(
            id="us-301-list4b-suspended",
            measure="us-301-list4b",
            takes_effect=None,
            effective=D(2019, 12, 13),
            note="USTR announced 2019-12-13, with the Phase One deal, that 'until "
            "further notice' the US would suspend the 15% on List 4B due "
            "2019-12-15 (BDO; Sandler, Travis & Rosenberg). Recorded as a "
            "postponement without a new date: suspended before it took effect, "
            "not revoked. Disagreement: the Federal Register notice was to be "
            "published 2019-12-17 (BDO) or 2019-12-18 (ST&R); either way after "
            "the announcement, which is taken.",
            source=BDO_PHASE_ONE,
        ),
        MeasureAmended(
            id="us-301-list4a-halved",
            measure="us-301-list4a",
            rate=Rate(percent=7.5),
            announced=D(2020, 1, 16),
            effective=D(2020, 2, 14),
            note="Promised with the Phase One deal 2019-12-13 (BDO); USTR's "
            "notice of 2020-01-16, the day after the signing, set 7.5% from "
            "12:01 a.m. Eastern 2020-02-14 (Rock Trade Law; CargoCentric).",
            source=ROCK_LIST4A,
        ),
    ]


def _retaliation() -> list[Event]:
    batch1_products, batch1_rate = _tiers(*ROUND4_BATCH1)
    batch2_products, batch2_rate = _tiers(*ROUND4_BATCH2)
    _, halved = _tiers(
        (5.0, [CN_R4B1_PART1, CN_R4B1_PART2]),
        (2.5, [CN_R4B1_PART3, CN_R4B1_PART4]),
    )
    return [
        _cn_tariff(
            "cn-retaliation-301-round1-announced",
            "cn-retaliation-301-round1",
            Products(items=[CN_ROUND1, CN_ROUND1_EXCL_1, CN_ROUND1_EXCL_2]),
            Rate(percent=25),
            announced_on=D(2018, 6, 16),
            takes_effect=D(2018, 7, 6),
            source=REUTERS_659,
            note="The Customs Tariff Commission announced 25% on 659 US goods "
            "(US$50 billion), of which 545 items (US$34 billion: agricultural "
            "products, autos, aquatic products) from 2018-07-06 (Reuters; "
            "CGTN; Xinhua). Disagreement: Reuters is dated 2018-06-15 (US time), "
            "its dateline and Xinhua 2018-06-16 (Beijing); the commission's "
            "Beijing date is taken. MOFCOM's Announcement 34 of 2018-04-04 (106 "
            "products, 25%, no date) was superseded by this list and is not "
            "recorded. The China exclusion lists of September 2019 are added to "
            "the products so the exclusions can name them.",
        ),
        _cn_tariff(
            "cn-retaliation-301-round2-announced",
            "cn-retaliation-301-round2",
            Products(items=[CN_ROUND2]),
            Rate(percent=25),
            announced_on=D(2018, 8, 8),
            takes_effect=D(2018, 8, 23),
            source=FOX_ROUND2,
            note="333 products (crude oil, coal, diesel, cars, bicycles, medical "
            "equipment, steel products, scrap metals, waste paper, fish meal), "
            "from 2018-08-23 'in tandem with the U.S.' (Fox Business; Washington "
            "Times). Judgement: recorded as a new list; the sources do not "
            "reconcile it with the 114 items left of June's 659.",
        ),
        MeasureImposed(
            id="cn-retaliation-autos-imposed",
            measure="cn-retaliation-autos",
            actor="CHN",
            targets={"USA"},
            kind="import tariff",
            products=Products(items=[CN_AUTOS]),
            rate=Rate(percent=25),
            legal_basis=CTC,
            announced=D(2018, 6, 16),
            effective=D(2018, 7, 6),
            note="Judgement: China's extra 25% on US vehicles and auto parts is "
            "recorded as a measure of its own, so that its suspension from "
            "2019-01-01 can be recorded (a suspension acts on a whole measure). "
            "Autos were in the US$34 billion list in force 2018-07-06 (Reuters) "
            "and cars in the August list; which lines of which list is not "
            "sourced. The item 'US vehicles and auto parts' is not a line of "
            "the round-1 or round-2 items, so nothing is counted twice.",
            source=REUTERS_659,
        ),
        _cn_tariff(
            "cn-retaliation-301-round3-announced",
            "cn-retaliation-301-round3",
            Products(
                items=[CN_ROUND3, CN_ROUND3_EXCL_1, CN_ROUND3_EXCL_2, CN_ROUND3_EXCL_3]
            ),
            Rate(low=5, high=10),
            announced_on=D(2018, 9, 18),
            takes_effect=D(2018, 9, 24),
            source=BUCKLAND_ROUND3,
            note="Announced 2018-09-18, in force 2018-09-24 with the US List 3 "
            "(Buckland; NAEGA; news24 timeline 2018-09-19): 5% on about 1,600 "
            "items and 10% on more than 3,500 (T1 Lighting). Which items carry "
            "which rate is not sourced, so the rate is the range 5-10%, not "
            "tiers. The 5,207-item count often quoted was not found. Safety4sea's "
            "'5 to 25%' describes the August proposal. The exclusion lists of "
            "2020 are added to the products so the exclusions can name them.",
        ),
        MeasureSuspended(
            id="cn-retaliation-autos-suspended",
            measure="cn-retaliation-autos",
            announced=D(2018, 12, 14),
            effective=D(2019, 1, 1),
            note="Announced 2018-12-14 by the Customs Tariff Commission, for "
            "three months from 2019-01-01 (CRI Filipino; Reuters via Daily Mail). "
            "On 2019-03-31 China said it would continue the suspension after "
            "2019-04-01 without an end date (Daily Mail; CRI; RT), so the "
            "record keeps it suspended from 2019-01-01. China said in August "
            "2019 it would restore 25%/5% on autos and parts from 2019-12-15 "
            "(date of that statement not sourced), and on 2019-12-15 kept the "
            "suspension (Hellenic Shipping News); neither changes the state.",
            source=CRI_AUTOS,
        ),
        MeasureAmended(
            id="cn-retaliation-301-round3-raised",
            measure="cn-retaliation-301-round3",
            rate=Rate(low=5, high=25),
            announced=D(2019, 5, 13),
            effective=D(2019, 6, 1),
            note="Ministry of Finance statement 2019-05-13: duties of '25, 20 and "
            "10 per cent' (SCMP), '5 per cent to 25 per cent' (AFP via Channels "
            "TV); in force Saturday 2019-06-01 (AFP via The News). Item counts "
            "differ: 5,140 products (Reuters via VOV5), almost 2,500 at 25% "
            "(Bloomberg). The split by tier is not sourced: range 5-25%.",
            source=SCMP_ROUND3_RISE,
        ),
        _cn_tariff(
            "cn-retaliation-301-round4-batch1-announced",
            "cn-retaliation-301-round4-batch1",
            batch1_products,
            batch1_rate,
            announced_on=D(2019, 8, 23),
            takes_effect=D(2019, 9, 1),
            source=CNN_ROUND4,
            note="5% or 10% on 5,078 products (US$75 billion), 'Tariff List 1' "
            "from 2019-09-01 in four parts: 270 and 646 items at 10%, 64 and 737 "
            "items at 5% (CNN via WFSB), i.e. 1,717 items, the count of China's "
            "halving notice of 2020. Disagreement: Reuters (Iowa Farm Bureau) "
            "puts wheat in the December batch; the CNN list puts it in part 2 "
            "of this batch. Parts are named items; no HS lines sourced.",
        ),
        _cn_tariff(
            "cn-retaliation-301-round4-batch2-announced",
            "cn-retaliation-301-round4-batch2",
            batch2_products,
            batch2_rate,
            announced_on=D(2019, 8, 23),
            takes_effect=D(2019, 12, 15),
            source=CNN_ROUND4,
            note="'Tariff List 2' from 2019-12-15: 749 and 163 items at 10%, 634 "
            "and 1,815 items at 5% (CNN via WFSB).",
        ),
        MeasureSuspended(
            id="cn-retaliation-301-round4-batch2-suspended",
            measure="cn-retaliation-301-round4-batch2",
            effective=D(2019, 12, 15),
            note="The Customs Tariff Commission said on 2019-12-15 that it "
            "suspended the 10% and 5% tariffs due at 12:01 pm Beijing time that "
            "day (Hellenic Shipping News, from the Central People's Government; "
            "AFP via The News). Judgement: a measure due on a day is in force "
            "that day before any event of the day applies, so a postponement "
            "dated 2019-12-15 would come too late; the batch is recorded as "
            "suspended on the day it was due, so it never applied.",
            source=HELLENIC_SUSPENDS,
        ),
        MeasureAmended(
            id="cn-retaliation-301-round4-batch1-halved",
            measure="cn-retaliation-301-round4-batch1",
            rate=halved,
            announced=D(2020, 2, 6),
            effective=D(2020, 2, 14),
            note="Announced 2020-02-06 by the State Council Tariff Commission: "
            "the tariffs imposed 2019-09-01 on 1,717 goods halved from "
            "2020-02-14, 10% to 5% and 5% to 2.5% (China Briefing; USDA FAS; "
            "Law360).",
            source=BRIEFING_HALVES,
        ),
    ]


def _exclusions() -> list[Event]:
    return [
        ExclusionGranted(
            id="us-301-list1-excl-2018-12",
            measure="us-301-list1",
            exclusion="list1-excl-2018-12",
            products=Products(items=[LIST1_DESCRIPTIONS], hs=LIST1_EXCLUDED_HS),
            until=D(2019, 12, 28),
            announced=D(2018, 12, 21),
            effective=D(2018, 7, 6),
            note="USTR submitted the first List 1 exclusions for publication "
            "2018-12-21 (984 requests granted); published 2018-12-28 (83 FR "
            "67463), applying from 2018-07-06 for one year after publication "
            "(Crowell & Moring; Lexology: 'set to expire December 28, 2019'). "
            "Seven 10-digit lines and 24 product descriptions (Lexology; "
            "Crowell's '8 individual' codes lists seven). Judgement: only US "
            "note 20(h) items (2), (7), (11), (29), (30) and (31) were extended, "
            "and which HS lines those are is not sourced, so the round is split: "
            "this exclusion holds the seven lines and the other descriptions, "
            "and lapses after 2019-12-28; the six extended items are their own "
            "exclusion.",
            source=CROWELL_LIST1_EXCL,
        ),
        ExclusionGranted(
            id="us-301-list1-excl-2018-12-extended-items",
            measure="us-301-list1",
            exclusion="list1-excl-2018-12-extended-items",
            products=Products(items=[LIST1_EXTENDED]),
            until=D(2019, 12, 28),
            announced=D(2018, 12, 21),
            effective=D(2018, 7, 6),
            note="The part of the first List 1 exclusions extended in December "
            "2019 (see us-301-list1-excl-2018-12), named by its note items.",
            source=CROWELL_LIST1_EXCL,
        ),
        ExclusionGranted(
            id="us-301-list2-excl-2019-07",
            measure="us-301-list2",
            exclusion="list2-excl-2019-07",
            products=Products(items=[LIST2_EXCLUDED]),
            until=None,
            effective=D(2018, 8, 23),
            note="First List 2 exclusions, released in July 2019 (Thompson Hine, "
            "'released today'; the day is not shown), applying from 2018-08-23 "
            "and for one year after Federal Register publication. Neither the "
            "release day nor the publication date is sourced, so no "
            "announcement and no end date are recorded: the record keeps the "
            "exclusion open.",
            source=THOMPSON_LIST2_EXCL,
        ),
        ExclusionGranted(
            id="us-301-list3-excl-2019-08",
            measure="us-301-list3",
            exclusion="list3-excl-2019-08",
            products=Products(items=[LIST3_EXCLUDED], hs=LIST3_EXCLUDED_HS),
            until=D(2020, 8, 7),
            announced=D(2019, 8, 5),
            effective=D(2018, 9, 24),
            note="Advance copy posted 2019-08-05 (Lexology), published "
            "2019-08-07; applies from 2018-09-24 for one year after 2019-08-07 "
            "(MEMA). HS 3923.10.9000, 3923.50.0000, 5402.20.3010 and "
            "7323.99.9080 are named; the other descriptions (kayak paddles, "
            "nonwovens, carts) are cut off in the excerpt, so recorded as an "
            "item. Disagreement: OceanAir dates the grant 2019-08-06.",
            source=MEMA_LIST3_EXCL,
        ),
        ExclusionGranted(
            id="cn-excl-2019-09-list1",
            measure="cn-retaliation-301-round1",
            exclusion="cn-excl-2019-09-list1",
            products=Products(items=[CN_ROUND1_EXCL_1]),
            until=D(2020, 9, 16),
            announced=D(2019, 9, 11),
            effective=D(2019, 9, 17),
            note="Customs Tariff Commission Announcement [2019] No. 6 of "
            "2019-09-11, exclusion list 1 (12 items, with refunds), 2019-09-17 to "
            "2020-09-16 (China Briefing; Lexology, whose 'September 16, 2010' "
            "is a typo).",
            source=BRIEFING_CN_EXCL,
        ),
        ExclusionGranted(
            id="cn-excl-2019-09-list2",
            measure="cn-retaliation-301-round1",
            exclusion="cn-excl-2019-09-list2",
            products=Products(items=[CN_ROUND1_EXCL_2]),
            until=D(2020, 9, 16),
            announced=D(2019, 9, 11),
            effective=D(2019, 9, 17),
            note="Announcement [2019] No. 6, exclusion list 2 (4 items, no "
            "refunds), 2019-09-17 to 2020-09-16 (China Briefing).",
            source=BRIEFING_CN_EXCL,
        ),
        ExclusionExtended(
            id="us-301-list1-excl-2018-12-extended",
            measure="us-301-list1",
            exclusion="list1-excl-2018-12-extended-items",
            until=D(2020, 12, 28),
            announced=D(2019, 12, 23),
            effective=D(2019, 12, 28),
            note="Federal Register notice 2019-12-23: US note 20(h) items (2), "
            "(7), (11), (29), (30) and (31) apply as of 2019-12-28 and extend "
            "for one year (Lexology).",
            source=LEXOLOGY_LIST1_EXT,
        ),
        ExclusionGranted(
            id="cn-excl-2020-02-list1",
            measure="cn-retaliation-301-round3",
            exclusion="cn-excl-2020-02-list1",
            products=Products(items=[CN_ROUND3_EXCL_1]),
            until=D(2021, 2, 27),
            announced=D(2020, 2, 21),
            effective=D(2020, 2, 28),
            note="Tariff Commission Announcement [2020] No. 3 of 2020-02-21, the "
            "first exclusions from the US$60 billion list: 55 items, 2020-02-28 "
            "to 2021-02-27 (China Briefing timeline).",
            source=BRIEFING_CN_TIMELINE,
        ),
        ExclusionGranted(
            id="cn-excl-2020-02-list2",
            measure="cn-retaliation-301-round3",
            exclusion="cn-excl-2020-02-list2",
            products=Products(items=[CN_ROUND3_EXCL_2]),
            until=D(2021, 2, 27),
            announced=D(2020, 2, 21),
            effective=D(2020, 2, 28),
            note="Announcement [2020] No. 3, second list: 10 items, 2020-02-28 "
            "to 2021-02-27 (China Briefing timeline).",
            source=BRIEFING_CN_TIMELINE,
        ),
        ExclusionGranted(
            id="cn-excl-2020-05",
            measure="cn-retaliation-301-round3",
            exclusion="cn-excl-2020-05",
            products=Products(items=[CN_ROUND3_EXCL_3]),
            until=D(2021, 5, 20),
            announced=D(2020, 5, 12),
            effective=D(2020, 5, 19),
            note="Tariff Commission Announcement [2020] No. 4 of 2020-05-12: 79 "
            "items, 2020-05-19 to 2021-05-20 (China Briefing timeline).",
            source=BRIEFING_CN_TIMELINE,
        ),
    ]


def _entity_list() -> list[Event]:
    return [
        MeasureImposed(
            id="us-entity-list-huawei-imposed",
            measure="us-entity-list-huawei",
            actor="USA",
            targets={"CHN"},
            kind="entity listing",
            products=Products(items=[HUAWEI, HUAWEI_TGL]),
            legal_basis="Export Administration Regulations, Entity List "
            "(Supp. No. 4 to 15 CFR Part 744)",
            announced=D(2019, 5, 15),
            effective=D(2019, 5, 16),
            note="Announced Wednesday 2019-05-15 (Reuters), effective 2019-05-16 "
            "(Mondaq; Baker McKenzie), published 2019-05-21 (Thompson Hine). A "
            "licence for all items subject to the EAR, presumption of denial. "
            "Disagreement: Reuters said 70 affiliates on the day; the published "
            "rule lists 68 non-US affiliates, taken here. The affiliates are in "
            "26 places; the target is China, the parent's country. The TGL's "
            "transactions are named in the products so the TGL can be recorded "
            "as an exclusion from the listing.",
            source=THOMPSON_HUAWEI,
        ),
        ExclusionGranted(
            id="us-huawei-tgl-granted",
            measure="us-entity-list-huawei",
            exclusion="huawei-tgl",
            products=Products(items=[HUAWEI_TGL]),
            until=D(2019, 8, 19),
            effective=D(2019, 5, 20),
            note="Temporary General License, effective 2019-05-20, through "
            "2019-08-19 (Mondaq; Rural Spectrum Scanner). Judgement: a licence "
            "for classes of transactions, not goods, recorded as an exclusion "
            "of those transactions (Wiley Rein). Disagreement: published in the "
            "Federal Register 2019-05-21 (Mondaq) or 2019-05-22 (Thompson "
            "Hine); Procopio's 'May 19' is an outlier. The day it was announced "
            "is not sourced.",
            source=MONDAQ_TGL,
        ),
        MeasureImposed(
            id="us-entity-list-huawei-affiliates-2019-08-imposed",
            measure="us-entity-list-huawei-affiliates-2019-08",
            actor="USA",
            targets={"CHN"},
            kind="entity listing",
            products=Products(items=[HUAWEI_2019_08]),
            legal_basis="Export Administration Regulations, Entity List",
            effective=D(2019, 8, 19),
            note="46 non-US affiliates added, effective 2019-08-19, published "
            "2019-08-21 (BCLP; KUNA 2019-08-19). A separate measure, as the "
            "listing was.",
            source=BCLP_HUAWEI,
        ),
        ExclusionExtended(
            id="us-huawei-tgl-extended-2019-08",
            measure="us-entity-list-huawei",
            exclusion="huawei-tgl",
            until=D(2019, 11, 18),
            effective=D(2019, 8, 19),
            note="Extended 90 days through 2019-11-18 (BCLP; Wiley Rein). KUNA's "
            "'November 19' is the day after the last day. The 5G standards "
            "authorisation was removed from the TGL; the record cannot narrow "
            "an exclusion's scope, so it is noted here.",
            source=BCLP_HUAWEI,
        ),
        ExclusionExtended(
            id="us-huawei-tgl-extended-2019-11",
            measure="us-entity-list-huawei",
            exclusion="huawei-tgl",
            until=D(2020, 2, 16),
            effective=D(2019, 11, 18),
            note="Effective 2019-11-18, extended 90 days through 2020-02-16 for "
            "Huawei and 114 non-US affiliates (Baker McKenzie; Husch Blackwell).",
            source=BAKER_TGL_NOV,
        ),
        ExclusionExtended(
            id="us-huawei-tgl-extended-2020-02",
            measure="us-entity-list-huawei",
            exclusion="huawei-tgl",
            until=D(2020, 4, 1),
            effective=D(2020, 2, 13),
            note="Extended 45 days, until 2020-04-01 (Willkie; Converge Digest; "
            "Thompson Hine: the third extension).",
            source=WILLKIE_TGL_FEB,
        ),
        ExclusionExtended(
            id="us-huawei-tgl-extended-2020-03",
            measure="us-entity-list-huawei",
            exclusion="huawei-tgl",
            until=D(2020, 5, 15),
            effective=D(2020, 3, 12),
            note="Extended to 2020-05-15 by a notice published in the Federal "
            "Register 2020-03-12 (Husch Blackwell; Mondaq). The day it was "
            "announced or took effect is not sourced: the publication date is "
            "used.",
            source=HUSCH_TGL_MAR,
        ),
        RestrictionImposed(
            id="us-fdpr-huawei-2020-05",
            actor="USA",
            target="CHN",
            items=["foreign-produced direct products for Huawei (semiconductors)"],
            measure="foreign-produced direct product rule (EAR General Prohibition "
            "Three, 85 FR 29849)",
            effective=D(2020, 5, 15),
            note="Interim final rule issued 2020-05-19, effective 2020-05-15, "
            "amending General Prohibition Three for items destined to Huawei and "
            "114 non-US affiliates (ITCU; PST.AG). Recorded as an export "
            "restriction, the kind the library records with RestrictionImposed. "
            "BIS 'refined' the rule in August 2020 (Trade Law Daily); the day is "
            "not sourced and the refinement is not recorded.",
            source=ITCU_FDPR,
        ),
        ExclusionExtended(
            id="us-huawei-tgl-extended-2020-05",
            measure="us-entity-list-huawei",
            exclusion="huawei-tgl",
            until=D(2020, 8, 13),
            effective=D(2020, 5, 15),
            note="Effective 2020-05-15, extended through 2020-08-13 (ITCU). The "
            "TGL expired on 2020-08-13 (dpa-AFX) by its own end date; no event "
            "is needed.",
            source=ITCU_FDPR,
        ),
        MeasureImposed(
            id="us-entity-list-huawei-affiliates-2020-08-imposed",
            measure="us-entity-list-huawei-affiliates-2020-08",
            actor="USA",
            targets={"CHN"},
            kind="entity listing",
            products=Products(items=[HUAWEI_2020_08]),
            legal_basis="Export Administration Regulations, Entity List",
            effective=D(2020, 8, 1),
            precision="month",
            note="38 more non-US affiliates in 21 countries added (dpa-AFX "
            "2020-08-18; Trade Law Daily). The day of the BIS action is not in "
            "the sources read, so the month is recorded.",
            source=DPA_HUAWEI_AUG,
        ),
    ]


def _phase_one() -> list[Event]:
    return [
        AgreementSigned(
            id="phase-one-signed",
            agreement=PHASE_ONE,
            parties=USA_CHN,
            announced=D(2019, 12, 13),
            effective=D(2020, 1, 15),
            note="The Economic and Trade Agreement between the United States of "
            "America and the People's Republic of China ('Phase One'), signed "
            "2020-01-15 by President Trump and Vice Premier Liu He (ITCU; USC "
            "US-China Institute; Caixin). The deal was announced 2019-12-13 "
            "(BDO).",
            source=ITCU_PHASE_ONE,
        ),
        AgreementEnteredIntoForce(
            id="phase-one-in-force",
            agreement=PHASE_ONE,
            parties=USA_CHN,
            effective=D(2020, 2, 14),
            note="'The agreement went into effect on February 14, 2020' "
            "(Totality of Evidence, a weak secondary site); consistent with "
            "entry into force within 30 days of signing (Caixin) and with the "
            "List 4A cut of that day. No official statement of entry into force "
            "was found.",
            source=TOTALITY_PHASE_ONE,
        ),
    ]


def _wto() -> list[Event]:
    return [
        WTOComplaintFiled(
            id="cn-ds543-filed",
            actor="CHN",
            target="USA",
            case="DS543",
            subject="United States — Tariff Measures on Certain Goods from China",
            effective=D(2018, 4, 4),
            note="China requested consultations on the Section 301 tariffs "
            "2018-04-04 (WTO; USTR), supplemented 2018-07-06 (List 1) and "
            "2018-07-16 (the proposed List 3; fasa.nyc); the supplements are "
            "not separate events.",
            source=WTO_DS543,
        ),
        WTOComplaintFiled(
            id="cn-ds544-filed",
            actor="CHN",
            target="USA",
            case="DS544",
            subject="United States — Certain Measures on Steel and Aluminium Products",
            effective=D(2018, 4, 5),
            note="Requested 2018-04-05, circulated 2018-04-09 (USGlass; AFP via "
            "Breitbart). Disagreement: press (AP, SteelOrbis) dates it "
            "2018-04-10, the day the WTO published it. The number DS544 comes "
            "from the WTO news of 2023 (AELEX).",
            source=BREITBART_DS544,
        ),
        WTOComplaintFiled(
            id="us-ds558-filed",
            actor="USA",
            target="CHN",
            case="DS558",
            subject="China — Additional Duties on Certain Products from the "
            "United States",
            effective=D(2018, 7, 19),
            note="The day the request was circulated (IFCBA, reposting WTO "
            "news); the day the United States filed it is not sourced. The "
            "number DS558 is given only by the later pages (World Trade "
            "Scanner; the panel report).",
            source=IFCBA_DS558,
        ),
        WTOComplaintFiled(
            id="cn-ds562-filed",
            actor="CHN",
            target="USA",
            case="DS562",
            subject="United States — Safeguard Measure on Imports of Crystalline "
            "Silicon Photovoltaic Products",
            effective=D(2018, 8, 14),
            note="China's letter of 2018-08-14 (USTR, which disputes that it met "
            "DSU Article 4).",
            source=USTR_DS562,
        ),
        WTOComplaintFiled(
            id="cn-ds565-filed",
            actor="CHN",
            target="USA",
            case="DS565",
            subject="United States — Tariff Measures on Certain Goods from China II",
            effective=D(2018, 8, 23),
            note="Request for consultations dated 2018-08-23, on the List 2 "
            "duties (WT/DS565/1; WTO summary mirror). Later stages not sourced.",
            source=WTOCENTER_DS565,
        ),
        WTOPanelEstablished(
            id="cn-ds543-panel-established",
            actor="CHN",
            target="USA",
            case="DS543",
            effective=D(2019, 1, 28),
            note="Established at the DSB meeting of 2019-01-28 on China's second "
            "request (TWN; TransX); the first was blocked 2018-12-18. The days "
            "of China's requests and of the panel's composition are not sourced.",
            source=TWN_DS543,
        ),
        WTOPanelRequested(
            id="cn-ds562-panel-requested",
            actor="CHN",
            target="USA",
            case="DS562",
            effective=D(2019, 7, 11),
            note="Request dated 2019-07-11 (USTR; WTO Center Taiwan copy); the "
            "DSB deferred it 2019-07-22.",
            source=USTR_DS562,
        ),
        WTOPanelEstablished(
            id="cn-ds562-panel-established",
            actor="CHN",
            target="USA",
            case="DS562",
            effective=D(2019, 8, 15),
            note="Established at the DSB meeting of 2019-08-15 (USTR).",
            source=USTR_DS562,
        ),
        WTOPanelComposed(
            id="cn-ds562-panel-composed",
            actor="CHN",
            target="USA",
            case="DS562",
            effective=D(2019, 10, 24),
            note="China asked the Director-General to compose the panel "
            "2019-10-14; composed 2019-10-24 (USTR).",
            source=USTR_DS562,
        ),
        WTOPanelReportCirculated(
            id="cn-ds543-report",
            actor="CHN",
            target="USA",
            case="DS543",
            effective=D(2020, 9, 15),
            note="WT/DS543/R of 2020-09-15 (ITCU; docslib copy): List 1 and the "
            "September 2018 measure as amended 2019-05-09 (List 3 at 25%) "
            "inconsistent with GATT Articles I:1 and II:1, not justified under "
            "Article XX(a). Disagreement: Baker McKenzie calls the second "
            "measure 'List 2'; it is List 3 (Global Trade & Sanctions Law).",
            source=ITCU_DS543,
        ),
        WTOPanelReportAppealed(
            id="cn-ds543-appealed",
            actor="CHN",
            target="USA",
            case="DS543",
            appellant="USA",
            into_the_void=True,
            effective=D(2020, 10, 26),
            note="The US appealed 2020-10-26; notification WT/DS543/10 dated "
            "2020-10-27 (WITA). No Appellate Body division could hear it: two "
            "members' terms expired 2019-12-10, leaving one (AJIL 2020-07-17).",
            source=WITA_DS543,
        ),
        WTOPanelReportCirculated(
            id="cn-ds562-report",
            actor="CHN",
            target="USA",
            case="DS562",
            effective=D(2021, 9, 2),
            note="WT/DS562/R of 2021-09-02 dismissed China's complaint (AJIL). "
            "China appealed before the DSB meeting of 2021-09-27 (China Trade "
            "Monitor), but the day is not sourced, and a month-dated appeal "
            "would fall before the report, so the appeal is not recorded.",
            source=AJIL_DS562,
        ),
        WTOPanelReportCirculated(
            id="cn-ds544-report",
            actor="CHN",
            target="USA",
            case="DS544",
            effective=D(2022, 12, 9),
            note="Panel reports in DS544, DS552, DS556 and DS564 circulated "
            "2022-12-09 (AELEX, reposting WTO news).",
            source=AELEX_DS544,
        ),
        WTOPanelReportAppealed(
            id="cn-ds544-appealed",
            actor="CHN",
            target="USA",
            case="DS544",
            appellant="USA",
            into_the_void=True,
            effective=D(2023, 1, 30),
            note="The US appeal was circulated 2023-01-30 (AELEX); the day it "
            "was filed is not given, so the circulation date is used. Into the "
            "void: the Appellate Body has been unable to hear new appeals since "
            "2019-12-10 (AJIL 2020-07-17).",
            source=AELEX_DS544,
        ),
        WTOPanelReportCirculated(
            id="us-ds558-report",
            actor="USA",
            target="CHN",
            case="DS558",
            effective=D(2023, 8, 16),
            note="Panel report circulated 2023-08-16 (World Trade Scanner; "
            "WT/DS558/R).",
            source=SCANNER_DS558,
        ),
        WTOPanelReportAppealed(
            id="us-ds558-appealed",
            actor="USA",
            target="CHN",
            case="DS558",
            appellant="CHN",
            into_the_void=True,
            effective=D(2023, 9, 20),
            note="China's appeal was circulated 2023-09-20; 'there is no "
            "Appellate Body Division available' (World Trade Scanner). The day "
            "it was filed is not given.",
            source=SCANNER_DS558,
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
