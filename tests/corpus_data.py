"""Small corpora written for the corpus tests: JSON Lines of short Arabic articles."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

TOPICS = (
    "أعلنت وزارة الصحة يوم الاثنين 4 يونيو 2018 أن {n} شخصا أصيبوا في حادث سير قرب حمص.",
    "قال مسؤول في البلدية إن الأمطار أغرقت {n} منزلا في الأحياء الشرقية خلال يومين.",
    "أكد المتحدث باسم الجيش أن القوات سيطرت على {n} قرية في ريف إدلب الجنوبي.",
    "ذكرت مصادر محلية أن سعر الخبز ارتفع بنسبة {n} في المئة منذ بداية الشهر.",
)
OUTLETS = ("skynews", "BBC", "CNN")


def article(i: int, **fields: object) -> dict:
    record = {
        "id": f"test-{i:05d}",
        "outlet": OUTLETS[i % len(OUTLETS)],
        "url": f"https://example.org/news/{i}",
        "published": f"2018-0{6 + i % 2}-{1 + i % 28:02d}T{i % 24:02d}:15:00+03:00",
        "title": f"خبر رقم {i}",
        "category": "middleEast",
        "text": " ".join(TOPICS[(i + k) % len(TOPICS)].format(n=i + k + 2) for k in range(3)),
    }
    record.update(fields)
    return record


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    """One line per record (a string is written as it is: a malformed line)."""
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


def count(db: Path, sql: str, *params: object) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchone()[0]
