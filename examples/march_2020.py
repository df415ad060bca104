"""The Korea–Japan export-control dispute as it stood on 11 March 2020.

Builds, with the public API, the record that the Yonhap report "S. Korea,
Japan end marathon talks with no deal" (2020-03-11) describes, then prints each
country's policy state on 2020-03-11. Every date is cited on its event.

Run it with ``python examples/march_2020.py``.
"""

from __future__ import annotations

import datetime as dt

from tradedispute import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    DemandMade,
    DisputeState,
    EntryRestrictionImposed,
    EventLog,
    ExportControlStrengthened,
    NextMeeting,
    RestrictionEased,
    RestrictionImposed,
    Source,
    TalksHeld,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WTOComplaintDropped,
    WTOComplaintFiled,
)

D = dt.date
THREE_MATERIALS = {"fluorinated polyimide", "photoresist", "hydrogen fluoride"}

SEED = Source(
    title="S. Korea, Japan end marathon talks with no deal",
    publisher="Yonhap",
    published=D(2020, 3, 11),
)
METI_WTO = Source(
    title="Japan to Hold Consultations with the Government of the ROK under the "
    "WTO Agreement Regarding Japan's Update of Licensing Policies and Procedures "
    "on Exports of Controlled Items to the ROK",
    publisher="METI",
    published=D(2019, 11, 8),
    url="https://www.meti.go.jp/english/press/2019/1108_001.html",
)
YONHAP_GSOMIA_SUSPENDED = Source(
    title="(LEAD) S. Korea decides to 'conditionally' suspend termination of "
    "Seoul-Tokyo military pact",
    publisher="Yonhap",
    published=D(2019, 11, 22),
    url="https://m-en.yna.co.kr/view/AEN20191122008800315",
)
YONHAP_SUMMIT = Source(
    title="(3rd LD) Moon urges Abe to completely retract export restrictions "
    "against Seoul",
    publisher="Yonhap",
    published=D(2019, 12, 24),
    url="https://m-en.yna.co.kr/view/AEN20191223007753315",
)
YONHAP_ENTRY = Source(
    title="(3rd LD) Japan to tighten entry restriction on arrivals from South "
    "Korea over virus concerns",
    publisher="Yonhap",
    published=D(2020, 3, 5),
    url="https://m-en.yna.co.kr/view/AEN20200305010853325",
)


def build_log() -> EventLog:
    """Return the record of the dispute up to the talks of 10–11 March 2020."""
    log = EventLog()
    log.extend(
        [
            RestrictionImposed(
                id="jpn-licences-2019-07",
                actor="JPN",
                target="KOR",
                items=THREE_MATERIALS,
                measure="individual export licence",
                announced=D(2019, 7, 1),
                effective=D(2019, 7, 4),
                source=METI_WTO,
            ),
            WhitelistRemoved(
                id="jpn-whitelist-2019-08",
                actor="JPN",
                target="KOR",
                list_name="Group A",
                announced=D(2019, 8, 2),
                effective=D(2019, 8, 28),
                note="Cabinet decision 2019-08-02, promulgated 2019-08-07.",
                source=Source(
                    title="Japan's Cabinet approves removal of S. Korea from "
                    "'white list'",
                    publisher="Taiwan News",
                    published=D(2019, 8, 2),
                    url="https://www.taiwannews.com.tw/en/news/3757144",
                ),
            ),
            AgreementTerminationNoticed(
                id="kor-gsomia-notice-2019-08",
                actor="KOR",
                target="JPN",
                agreement="GSOMIA",
                announced=D(2019, 8, 22),
                effective=D(2019, 8, 23),
                source=Source(
                    title="(LEAD) S. Korea officially notifies Japan of intent to "
                    "end military pact",
                    publisher="Yonhap",
                    published=D(2019, 8, 23),
                    url="https://m-en.yna.co.kr/view/AEN20190823004651325",
                ),
            ),
            WTOComplaintFiled(
                id="kor-ds590-2019-09",
                actor="KOR",
                target="JPN",
                case="DS590",
                subject="Japan's licensing of fluorinated polyimide, photoresist "
                "and hydrogen fluoride",
                effective=D(2019, 9, 11),
                note="Requested 2019-09-11; circulated to WTO members 2019-09-16.",
                source=METI_WTO,
            ),
            WhitelistRemoved(
                id="kor-whitelist-2019-09",
                actor="KOR",
                target="JPN",
                list_name="Ga",
                announced=D(2019, 8, 12),
                effective=D(2019, 9, 18),
                source=Source(
                    title="South Korea Officially Removes Japan From Trading List",
                    publisher="International Trade Today",
                    published=D(2019, 9, 20),
                    url="https://internationaltradetoday.com/article/2019/09/20/"
                    "south-korea-officially-removes-japan-from-trading-list-1909190029",
                ),
            ),
            AgreementTerminationSuspended(
                id="kor-gsomia-suspended-2019-11",
                actor="KOR",
                target="JPN",
                agreement="GSOMIA",
                effective=D(2019, 11, 22),
                source=YONHAP_GSOMIA_SUSPENDED,
            ),
            WTOComplaintDropped(
                id="kor-ds590-suspended-2019-11",
                actor="KOR",
                target="JPN",
                case="DS590",
                mode="suspended",
                effective=D(2019, 11, 22),
                source=YONHAP_GSOMIA_SUSPENDED,
            ),
            TalksHeld(
                id="talks-2019-12-16",
                parties={"JPN", "KOR"},
                level="director general",
                format="in person",
                duration_hours=10,
                outcome="progress",
                next_meeting=NextMeeting(place="Seoul", timing="at an early date"),
                effective=D(2019, 12, 16),
                note="7th export-control policy dialogue, Tokyo; improved "
                "'mutual understanding', nothing eased.",
                source=Source(
                    title='Japan, South Korea improve "mutual understanding" on '
                    "export controls",
                    publisher="NNA / Kyodo",
                    published=D(2019, 12, 17),
                    url="https://english.nna.jp/articles/3270",
                ),
            ),
            RestrictionEased(
                id="jpn-photoresist-eased-2019-12",
                actor="JPN",
                target="KOR",
                items={"photoresist"},
                detail="special general bulk licence between continuing "
                "exporter-importer pairs",
                effective=D(2019, 12, 20),
                source=Source(
                    title="Japan to ease export curbs against S. Korea",
                    publisher="Yonhap",
                    published=D(2019, 12, 20),
                    url="https://m-en.yna.co.kr/view/AEN20191220009100320",
                ),
            ),
            TalksHeld(
                id="summit-2019-12-24",
                parties={"JPN", "KOR"},
                level="summit",
                format="in person",
                outcome="no_deal",
                effective=D(2019, 12, 24),
                note="Moon and Abe in Chengdu; the seed article: 'the two failed "
                "to reach agreement last year'.",
                source=YONHAP_SUMMIT,
            ),
            DemandMade(
                id="kor-demand-2019-12-24",
                actor="KOR",
                target="JPN",
                demand="restore export rules to the level before July 2019",
                effective=D(2019, 12, 24),
                note="Moon urged Abe at the Chengdu summit to retract the curbs.",
                source=YONHAP_SUMMIT,
            ),
        ]
    )
    # March 2020: both sides close their borders to each other's nationals.
    for target in ("KOR", "CHN"):
        log.append(
            EntryRestrictionImposed(
                id=f"jpn-quarantine-{target.lower()}-2020-03",
                actor="JPN",
                target=target,
                quarantine_days=14,
                detail="arrivals asked to avoid public transport",
                announced=D(2020, 3, 5),
                effective=D(2020, 3, 9),
                source=YONHAP_ENTRY,
            )
        )
    log.extend(
        [
            VisaWaiverSuspended(
                id="jpn-visa-waiver-2020-03",
                actor="JPN",
                target="KOR",
                visas_invalidated=True,
                announced=D(2020, 3, 5),
                effective=D(2020, 3, 9),
                source=YONHAP_ENTRY,
            ),
            VisaWaiverSuspended(
                id="kor-visa-waiver-2020-03",
                actor="KOR",
                target="JPN",
                visas_invalidated=True,
                announced=D(2020, 3, 6),
                effective=D(2020, 3, 9),
                source=Source(
                    title="S. Korea suspends visas for Japanese amid tit-for-tat "
                    "coronavirus curbs",
                    publisher="Reuters (via Financial Post)",
                    published=D(2020, 3, 6),
                    url="https://business.financialpost.com/pmn/business-pmn/"
                    "s-korea-suspends-visas-for-japanese-amid-tit-for-tat-coronavirus-curbs",
                ),
            ),
            # The article dates Seoul's renewed call and the staff increase it
            # cited to "last week"; the day is not sourced, so both are dated
            # to the last day of that week.
            DemandMade(
                id="kor-demand-renewed-2020-03",
                actor="KOR",
                target="JPN",
                demand="restore export rules to the level before July 2019",
                effective=D(2020, 3, 8),
                note="Renewed 'last week' per the article; exact day not sourced.",
                source=SEED,
            ),
            ExportControlStrengthened(
                id="kor-kosti-staff-2020-03",
                actor="KOR",
                target="JPN",
                detail="25% more staff at the Korea Security Agency of Trade and "
                "Industry; related organizations restructured",
                effective=D(2020, 3, 8),
                note="Cited by Seoul 'last week' per the article; KBS World "
                "reported the increase (56 to 70 staff) in December 2019.",
                source=SEED,
            ),
            TalksHeld(
                id="talks-2020-03-10",
                parties={"JPN", "KOR"},
                level="director general",
                format="video",
                duration_hours=16,
                outcome="no_deal",
                agreed={"boost cooperation on export control policy"},
                next_meeting=NextMeeting(place="Seoul", timing="near future"),
                effective=D(2020, 3, 10),
                note="8th policy dialogue; Lee Ho-hyeon (MOTIE) and Yoichi Iida "
                "(METI); ran from 2020-03-10 into early 2020-03-11.",
                source=SEED,
            ),
        ]
    )
    return log


def describe(state: DisputeState, day: dt.date) -> str:
    """Return a readable account of *state* on *day*."""
    lines = [f"The dispute on {day.isoformat()}", ""]
    for code in sorted(state.countries):
        policy = state.country(code)
        lines.append(f"{code}")
        for target, items in sorted(policy.restrictions.items()):
            for item, restriction in sorted(items.items()):
                eased = (
                    f", eased since {restriction.eased_since}"
                    if restriction.eased
                    else ""
                )
                lines.append(
                    f"  restricts {item} to {target}: {restriction.measure} "
                    f"since {restriction.since}{eased}"
                )
        for target, fact in sorted(policy.whitelist_exclusions.items()):
            lines.append(f"  {target} off its whitelist since {fact.since}")
        for target, visa in sorted(policy.visa_waiver_suspensions.items()):
            invalidated = ", issued visas invalidated" if visa.visas_invalidated else ""
            lines.append(
                f"  visa waiver for {target} suspended since {visa.since}{invalidated}"
            )
        for target, entry in sorted(policy.entry_restrictions.items()):
            lines.append(
                f"  entry from {target}: {entry.quarantine_days}-day quarantine "
                f"since {entry.since} ({entry.detail})"
            )
        for agreement, notice in sorted(policy.agreements_under_notice.items()):
            status = (
                f"suspended since {notice.suspended_since}"
                if notice.suspended
                else "pending"
            )
            lines.append(
                f"  notice to end {agreement} with {notice.counterparty} given "
                f"{notice.since}, {status}"
            )
        for step in policy.unilateral_steps:
            lines.append(f"  on {step.date}: {step.detail}")
    lines.append("")
    for case in state.wto_cases.values():
        lines.append(
            f"WTO {case.case}: {case.complainant} v {case.respondent}, filed "
            f"{case.filed}, {case.status} since {case.since}"
        )
    talks = state.negotiation("JPN", "KOR")
    last = talks.last_round
    if last is not None:
        lines.append(
            f"JPN-KOR talks: {len(talks.rounds)} rounds; last on {last.date} "
            f"({last.format}, {last.level}, outcome {last.outcome})"
        )
        for point, fact in sorted(talks.agreed.items()):
            lines.append(f"  agreed since {fact.since}: {point}")
        if talks.next_meeting is not None:
            meeting = talks.next_meeting
            lines.append(f"  next meeting: {meeting.place}, {meeting.timing}")
        for code, demands in sorted(talks.open_demands.items()):
            for demand, made in sorted(demands.items()):
                renewed = ", ".join(str(again.since) for again in made.renewed)
                again = f" (renewed {renewed})" if renewed else ""
                lines.append(f"  {code} demands: {demand}, since {made.since}{again}")
    return "\n".join(lines)


def main() -> None:
    """Print each country's state on 2020-03-11."""
    day = D(2020, 3, 11)
    print(describe(build_log().state_at(day), day))


if __name__ == "__main__":
    main()
