#!/usr/bin/env python3
"""The import an integrator would otherwise write: Python's csv and sqlite3 modules, the legacy CRM mapping
of scripts/import/legacy_crm.lua, one JSON payload per case, a SHA-256 hash chain, idempotent by CRM reference,
5,000 rows per transaction.

    python3 scripts/bench/import_baseline.py INPUT.csv STORE.sqlite

Used by hearth-bench (import) as the comparison for `hearth import`; prints "rows imported seconds".
"""
import csv
import hashlib
import json
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone

CHANNEL = {"PH": "phone", "WI": "in_person", "EM": "email", "3P": "third_party", "RP": "repairs",
           "ASB": "asb_complaint", "HP": "homeless_presentation", "TV": "tenancy_visit"}
TENURE = {"SEC": "secure", "JSEC": "joint_secure", "ASS": "assured", "JASS": "joint_assured", "PRS": "private",
          "TA": "temporary", "NONE": "none"}
RELATIONSHIP = {"SP": "spouse", "CP": "civil_partner", "ENG": "engaged", "IP": "intimate_partner",
                "EXP": "intimate_partner", "SHP": "shared_parent", "REL": "relative", "OTH": "none"}
BEHAVIOUR = {"PHY": "physical", "SEX": "sexual", "THR": "violent_or_threatening", "CC": "coercive_control",
             "ECO": "economic", "PSY": "psychological"}
THREAT = {"ARS": "arson", "WEA": "weapons", "KIL": "kill", "STK": "stalking", "HBV": "honour_based",
          "FM": "forced_marriage", "DMG": "property_damage"}
RISK = {"S": "standard", "M": "medium", "H": "high"}
AREA = {"SO50": "Eastleigh", "SO53": "Eastleigh", "CT1": "Canterbury", "CT2": "Canterbury", "S40": "Chesterfield",
        "S41": "Chesterfield", "CB6": "East Cambridgeshire", "CB7": "East Cambridgeshire"}
YESNO = {"Y": True, "N": False, "": None}


def london(dt):
    """UK local wall time to an aware datetime (BST from the last Sunday of March to the last Sunday of October)."""
    def last_sunday(year, month):
        d = datetime(year, month + 1, 1) - timedelta(days=1) if month < 12 else datetime(year, 12, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)
    start = last_sunday(dt.year, 3).replace(hour=1)
    end = last_sunday(dt.year, 10).replace(hour=1)
    offset = 1 if start <= dt < end else 0
    return dt.replace(tzinfo=timezone(timedelta(hours=offset)))


def map_row(row):
    problems = []
    try:
        reported = london(datetime.strptime(row["date_reported"], "%d/%m/%Y %H:%M")).isoformat()
    except ValueError:
        problems.append("date_reported: not a date")
        reported = None
    channel = CHANNEL.get(row["channel_code"]) or problems.append("channel_code: unknown code")
    relationship = RELATIONSHIP.get(row["relationship_code"]) or problems.append("relationship_code: unknown code")
    try:
        age = int(row["client_age"])
        if not 0 <= age <= 130:
            problems.append("client_age: out of range")
    except ValueError:
        problems.append("client_age: not a whole number")
        age = None
    score = int(row["dash_score"]) if row["dash_score"] else None
    if score is not None and not 0 <= score <= 24:
        problems.append("dash_score: out of range")
    behaviours = [BEHAVIOUR[c] for c in row["behaviour_codes"].split("|") if c]
    threats = [THREAT[c] for c in row["threat_codes"].split("|") if c]
    postcode = row["postcode"].upper().replace(" ", "")
    area = AREA.get(postcode[:-3]) if postcode else None
    case = {
        "id": "CRM-" + row["crm_ref"], "reported_at": reported, "channel": channel,
        "immediate_danger": YESNO.get(row["immediate_danger"]) or False,
        "victim": {"age": age, "gender": row["client_gender"] or None, "tenant": YESNO.get(row["tenant"]),
                   "tenure": TENURE.get(row["tenure_code"]), "has_capacity": YESNO.get(row["capacity"])},
        "perpetrator": {"age": int(row["perp_age"]) if row["perp_age"] else None, "relationship": relationship,
                        "current": YESNO.get(row["perp_current"]), "lives_with_victim": YESNO.get(row["cohabiting"])},
        "behaviours": behaviours, "threats": threats, "counter_allegation": False,
    }
    if area:
        case["area"] = area
    if score is not None:
        case["dash"] = {"yes_count": score}
    if RISK.get(row["risk_level"]) == "high" and (score is None or score < 14):
        case["professional_judgement"] = {"high_risk": True, "reason": "graded high risk in the legacy CRM"}
    if row["consent_handoff"] in ("Y", "N"):
        case["consent"] = {"handoff": "given" if row["consent_handoff"] == "Y" else "refused"}
    # Drop the fields left out, as the case format wants.
    case["victim"] = {k: v for k, v in case["victim"].items() if v is not None}
    case["perpetrator"] = {k: v for k, v in case["perpetrator"].items() if v is not None}
    return case, problems


def main():
    path, db_path = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.executescript("""
        CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL,
            at INTEGER NOT NULL, payload TEXT NOT NULL, source TEXT, external_id TEXT, hash TEXT NOT NULL,
            prev_hash TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS events_external ON events (ifnull(source, ''), external_id)
            WHERE external_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS events_case ON events (case_id, seq);
        CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, opened_at INTEGER, area TEXT);
    """)
    tip = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone() or (0, "0" * 64)
    seq, prev = tip
    started = time.time()
    rows = imported = 0
    db.execute("BEGIN IMMEDIATE")
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            rows += 1
            case, problems = map_row(row)
            if problems:
                continue
            payload = json.dumps({"case": case, "plugin_id": "eastleigh", "area": case.get("area")},
                                 sort_keys=True, separators=(",", ":"))
            at = int(datetime.fromisoformat(case["reported_at"]).timestamp() * 1000)
            h = hashlib.sha256(f"{prev}|{seq + 1}|{case['id']}|case_opened|{at}|{payload}|legacy_crm|{row['crm_ref']}"
                               .encode()).hexdigest()
            cur = db.execute(
                "INSERT INTO events (seq, case_id, kind, at, payload, source, external_id, hash, prev_hash) "
                "VALUES (?, ?, 'case_opened', ?, ?, 'legacy_crm', ?, ?, ?) ON CONFLICT DO NOTHING",
                (seq + 1, case["id"], at, payload, row["crm_ref"], h, prev))
            if cur.rowcount:
                db.execute("INSERT INTO cases (id, opened_at, area) VALUES (?, ?, ?)", (case["id"], at, case.get("area")))
                seq, prev = seq + 1, h
                imported += 1
            if rows % 5000 == 0:
                db.execute("COMMIT")
                db.execute("BEGIN IMMEDIATE")
    db.execute("COMMIT")
    print(rows, imported, round(time.time() - started, 3))


if __name__ == "__main__":
    main()
