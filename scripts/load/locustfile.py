"""A lesson played by a whole school (scripts/load/run.py starts it; the plan comes from school.py).

Pupils sign in with their card's token, spread over the sign-in period, then view a step about every ten
seconds; in the half-minute before the quiz time each pupil, at their own moment, opens the quiz's first
question, and at the quiz time every pupil answers it within the same ten seconds, at a moment spread evenly over
them; one pupil in five (LOAD_DOUBLE_CLICK) submits twice, as a double click would: the answer must be stored
once. Teachers refresh their class's
grid every fifteen seconds. Requests only go to the --host given (127.0.0.1).
"""

import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
QUIZ_AT = float(os.environ.get("LOAD_QUIZ_AT", "240"))
ANSWER_WINDOW = float(os.environ.get("LOAD_ANSWER_WINDOW", "10"))
STEP_EVERY = float(os.environ.get("LOAD_STEP_EVERY", "10"))
OPEN_BEFORE = float(os.environ.get("LOAD_OPEN_BEFORE", "30"))
DOUBLE_CLICK = float(os.environ.get("LOAD_DOUBLE_CLICK", "0.2"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'name="choice" value="(\d+)"')
START = {"at": time.monotonic()}
pupil_tokens = iter(PLAN["pupils"])
teachers = iter(PLAN["teachers"])


@events.test_start.add_listener
def on_test_start(**kwargs):
    START["at"] = time.monotonic()


def elapsed():
    return time.monotonic() - START["at"]


class SchoolUser(HttpUser):
    """Production settings mark cookies Secure and expect HTTPS behind a proxy: the test says it is behind
    one (X-Forwarded-Proto) and keeps sending the cookies over plain HTTP to 127.0.0.1."""

    abstract = True

    def on_start(self):
        self.client.headers["X-Forwarded-Proto"] = "https"

    def keep_cookies(self):
        for cookie in self.client.cookies:
            cookie.secure = False

    def expect(self, response, *statuses):
        self.keep_cookies()
        if response.status_code in statuses:
            response.success()
        else:
            response.failure(f"status {response.status_code}")
        return response

    def post(self, url, data, name):
        referer = f"https://{self.host.split('://', 1)[1]}{url}"
        with self.client.post(
            url, data, name=name, headers={"Referer": referer}, allow_redirects=False, catch_response=True
        ) as response:
            return self.expect(response, 302)

    def get(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            return self.expect(response, 200)


class Pupil(SchoolUser):
    fixed_count = len(PLAN["pupils"])
    wait_time = between(0, 0)

    @task
    def lesson(self):
        token = next(pupil_tokens, None)
        if token is None:
            raise StopUser
        card = f"/{PLAN['language']}/class/card/{token}/"
        page = self.get(card, "sign-in card")
        self.post(card, {"csrfmiddlewaretoken": csrf(page.text)}, "sign-in")
        number = 1
        # Pupils reach the quiz at their own pace: each opens the question at some moment of the half-minute
        # before the quiz time (as they finish the lesson), and every answer falls within the same ten seconds.
        open_at = QUIZ_AT - OPEN_BEFORE + random.uniform(0, OPEN_BEFORE - 5)  # noqa: S311 (timing, not secrets)
        while elapsed() < open_at:
            self.get(f"{PLAN['lesson_url']}step/{number}/", "step")
            number = number % PLAN["steps"] + 1
            pause = random.uniform(0.8, 1.2) * STEP_EVERY  # noqa: S311 (timing, not secrets)
            gevent.sleep(min(pause, max(0.0, open_at - elapsed())))
        question = self.get(f"{PLAN['lesson_url']}quiz/start/", "quiz question")
        url = question.url.split("://", 1)[1].split("/", 1)[1]
        data = {"csrfmiddlewaretoken": csrf(question.text), "choice": CHOICE.findall(question.text)[:1]}
        gevent.sleep(max(0.0, QUIZ_AT - elapsed()) + random.uniform(0, ANSWER_WINDOW))  # noqa: S311
        self.post(f"/{url}", data, "answer")
        if random.random() < DOUBLE_CLICK:  # noqa: S311
            self.post(f"/{url}", data, "answer")  # the double click
        raise StopUser


class Teacher(SchoolUser):
    fixed_count = len(PLAN["teachers"])
    wait_time = between(15, 15)

    def on_start(self):
        super().on_start()
        self.teacher = next(teachers)
        self.client.cookies.set(PLAN["session_cookie"], self.teacher["session"], secure=False)

    @task
    def grid(self):
        if elapsed() > QUIZ_AT + ANSWER_WINDOW:
            raise StopUser
        self.get(self.teacher["grid_url"], "grid")


def csrf(html):
    found = CSRF.search(html)
    return found.group(1) if found else ""
