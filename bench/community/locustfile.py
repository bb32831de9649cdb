"""Locust users for the community benchmark: members reading the 500-reply
discussion (first and later pages), the community's front page and search.
Signed-in session cookies come from ``bench/community/run.py`` through
TANDEM_BENCH_COOKIES."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

SETUP = json.loads(os.environ["TANDEM_BENCH_COOKIES"])


class Member(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", random.choice(SETUP["members"]))

    @task(3)
    def big_topic(self) -> None:
        self.client.get(SETUP["topic"], name="topic with 500 replies, page 1")

    @task(2)
    def big_topic_later(self) -> None:
        page = random.randint(2, 20)
        self.client.get(f"{SETUP['topic']}?page={page}", name="topic with 500 replies, later page")

    @task(3)
    def front_page(self) -> None:
        self.client.get(SETUP["space"], name="community front page")

    @task(3)
    def search(self) -> None:
        query = random.choice(SETUP["queries"])
        self.client.get(f"/search/?q={query}", name="search")
