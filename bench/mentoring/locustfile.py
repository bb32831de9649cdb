"""Locust users for the mentoring benchmark: mentors opening their caseload of 80
and leads browsing the 10,000-relationship programme view. Signed-in session
cookies come from ``bench/mentoring/run.py`` through TANDEM_BENCH_COOKIES."""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

SETUP = json.loads(os.environ["TANDEM_BENCH_COOKIES"])


class Mentor(HttpUser):
    weight = 3
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", random.choice(SETUP["mentors"]))

    @task
    def caseload(self) -> None:
        self.client.get("/mentoring/caseload/", name="caseload (80 relationships)")


class Lead(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SETUP["lead"])
        self.base = f"/programmes/{SETUP['programme']}/relationships/"

    @task(3)
    def programme(self) -> None:
        self.client.get(self.base, name="programme view (10,000 relationships)")

    @task(2)
    def overdue(self) -> None:
        self.client.get(self.base + "?health=overdue", name="programme view, overdue filter")

    @task(1)
    def later_page(self) -> None:
        page = random.randint(2, 150)
        self.client.get(self.base + f"?page={page}", name="programme view, a later page")
