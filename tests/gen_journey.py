# SPDX-License-Identifier: GPL-3.0-or-later
"""Random journeys and scenarios for the metamorphic tests (test-metamorphic.py).

gen_case(seed) returns (journey, scenario): a valid journey (DESIGN §2) using
node kinds drawn from the whole registry, with random draws switched on
(engagement probabilities strictly between 0 and 1, after_click, A/B splits
with autowinners, condition.interaction, waits, quiet hours, caps, goals,
exit criteria), and a scenario (§6) with scripted users and, often, a
generated population. Everything comes from random.Random(seed)."""
import copy
import datetime
import random

CHANNELS = ["email", "sms", "web_push", "app_push", "onsite", "inapp", "whatsapp", "facebook_audience"]
MESSAGE_KINDS = {
    "message.email": "email", "message.sms": "sms", "message.web_push": "web_push",
    "message.app_push": "app_push", "message.onsite": "onsite", "message.inapp": "inapp",
    "message.whatsapp": "whatsapp", "audience.facebook": "facebook_audience",
}
STARTERS = ["starter.event", "starter.website_action", "starter.dynamic_date",
            "starter.attribute_change", "starter.past_behavior"]
DAILY_STARTERS = {"starter.dynamic_date", "starter.past_behavior"}
FLOW_KINDS = ["wait.duration", "wait.until_time", "wait.until_event", "condition.check",
              "condition.reachability", "condition.interaction", "split.ab", "next_best_channel",
              "action.set_attribute", "exit"] + list(MESSAGE_KINDS)
WAITS = {"wait.duration", "wait.until_time", "wait.until_event"}
CATEGORIES = ["furniture", "home-decor", "lighting", "rugs", "home-appliances"]
PRODUCTS = {
    "furniture": ["sofa-oslo", "armchair-bergen", "table-side-oak"],
    "home-decor": ["cushion-linen", "throw-wool", "vase-stoneware"],
    "lighting": ["lamp-floor-arc", "lamp-table-globe"],
    "rugs": ["rug-berber", "rug-runner"],
    "home-appliances": ["kettle-steel", "toaster-retro"],
}
CITIES = ["London", "Paris", "Leeds", "Istanbul"]
TIERS = ["gold", "silver", "bronze"]
ZONES = ["UTC", "Europe/London", "America/New_York", "Europe/Istanbul", "Australia/Sydney"]
URLS = ["https://shop.example/sale/sofa", "https://shop.example/home", "https://shop.example/sale/lamp",
        "https://shop.example/cart"]


def duration(rng, choices):
    return rng.choice(choices)


def prob(rng):
    """A probability strictly between 0 and 1."""
    return round(rng.uniform(0.05, 0.95), 3)


def leaf_predicate(rng, context):
    """context: 'user' (no event at hand), 'event' (an event at hand)."""
    options = ["attribute", "history", "reachable", "affinity", "attribute_in"]
    if context == "event":
        options += ["param", "param", "param_num"]
    kind = rng.choice(options)
    if kind == "attribute":
        return rng.choice([
            {"attribute": "age", "op": rng.choice(["lt", "gte", "gt", "lte"]), "value": rng.randint(20, 60)},
            {"attribute": "city", "op": rng.choice(["eq", "neq"]), "value": rng.choice(CITIES)},
            {"attribute": "tier", "op": "eq", "value": rng.choice(TIERS)},
            {"attribute": "tier", "op": rng.choice(["exists", "not_exists"])},
        ])
    if kind == "attribute_in":
        return {"attribute": "city", "op": rng.choice(["in", "not_in"]), "value": rng.sample(CITIES, 2)}
    if kind == "history":
        p = {"event": rng.choice(["page_view", "purchase", "add_to_cart", "message_opened"]),
             "within": duration(rng, ["P1D", "P3D", "PT12H", "P7D"])}
        if rng.random() < 0.5:
            p["count"] = {"op": rng.choice(["gte", "gt", "lt"]), "value": rng.randint(1, 3)}
        if rng.random() < 0.3:
            p["where"] = {"param": "category", "op": "eq", "value": rng.choice(CATEGORIES)}
        return p
    if kind == "reachable":
        return {"reachable": rng.choice(CHANNELS[:4])}
    if kind == "affinity":
        return {"affinity": "discount", "op": rng.choice(["gte", "lt"]), "value": round(rng.uniform(0.2, 0.8), 2)}
    if kind == "param":
        op = rng.choice(["eq", "neq", "in"])
        return {"param": "category", "op": op,
                "value": rng.sample(CATEGORIES, 2) if op == "in" else rng.choice(CATEGORIES)}
    return {"param": "price", "op": rng.choice(["gt", "lt"]), "value": rng.randint(30, 500)}


def predicate(rng, context, depth=0):
    r = rng.random()
    if depth < 2 and r < 0.15:
        return {"all": [predicate(rng, context, depth + 1) for _ in range(rng.randint(1, 3))]}
    if depth < 2 and r < 0.25:
        return {"any": [predicate(rng, context, depth + 1) for _ in range(rng.randint(1, 3))]}
    if depth < 2 and r < 0.3:
        return {"not": predicate(rng, context, depth + 1)}
    return leaf_predicate(rng, context)


def event_where(rng):
    return rng.choice([
        {"param": "category", "op": "eq", "value": rng.choice(CATEGORIES)},
        {"param": "category", "op": "in", "value": rng.sample(CATEGORIES, 3)},
        {"param": "price", "op": "gt", "value": rng.randint(20, 300)},
    ])


def recommendations(rng):
    r = {"source": rng.choice(["complementary", "same_category", "all"])}
    if rng.random() < 0.5:
        r["sort"] = rng.choice(["rank", "price_asc", "price_desc"])
    if rng.random() < 0.5:
        r["count"] = rng.randint(1, 4)
    if rng.random() < 0.4:
        r["exclude_purchased"] = True
    if rng.random() < 0.3:
        r["where"] = {"field": "price", "op": "lt", "value": rng.randint(50, 400)}
    return r


TEXTS = ["Hello {{user.name}}", "For your {{event.category}}: {{#products}}{{name}} {{price}}, {{/products}}",
         "{{^products}}Nothing for you{{/products}}", "Age {{user.age}} & <b>{{user.city}}</b> {{{user.city}}}",
         "Plain text", "{{user.id}} bought {{event.product_id}} for {{event.price}}"]


def message_config(rng, kind):
    text = lambda: rng.choice(TEXTS)
    if kind == "message.email":
        c = {"subject": text(), "body": text()}
    elif kind in ("message.sms", "message.whatsapp"):
        c = {"text": text()}
    elif kind in ("message.web_push", "message.app_push"):
        c = {"title": text(), "body": text()}
        if rng.random() < 0.5:
            c["url"] = "https://shop.example/{{user.id}}"
        if rng.random() < 0.3:
            c["image"] = "https://cdn.example/{{event.category}}.jpg"
    elif kind in ("message.onsite", "message.inapp"):
        c = {"title": text(), "body": text()}
    else:
        return {"audience": rng.choice(["buyers", "lapsed"]), "action": rng.choice(["add", "remove"])}
    if rng.random() < 0.4:
        c["recommendations"] = recommendations(rng)
    return c


def starter_node(rng, kind):
    if kind == "starter.event":
        c = {"event": rng.choice(["purchase", "purchase", "signup", "add_to_cart"])}
        if rng.random() < 0.4:
            c["where"] = event_where(rng)
        if rng.random() < 0.3:
            c["platforms"] = rng.sample(["web", "ios", "android", "offline", "api"], rng.randint(1, 3))
        if rng.random() < 0.3:
            c["segment"] = predicate(rng, "user")
    elif kind == "starter.website_action":
        c = {"action": rng.choice(["page_view", "add_to_cart"])}
        if rng.random() < 0.5:
            c["url_contains"] = rng.choice(["sale", "home", "cart"])
        if rng.random() < 0.3:
            c["where"] = {"param": "url", "op": "starts_with", "value": "https://shop"}
    elif kind == "starter.dynamic_date":
        if rng.random() < 0.5:
            c = {"source": {"attribute": "birthday"}, "yearly": rng.random() < 0.5}
        else:
            c = {"source": {"event": "booking", "param": "departure_date"}}
        c["offset_days"] = rng.randint(-2, 2)
        if rng.random() < 0.5:
            c["mode"] = rng.choice(["on_day", "after"])
        if rng.random() < 0.5:
            c["time"] = rng.choice(["01:00", "09:30", "23:15"])
        if rng.random() < 0.2:
            c["where"] = predicate(rng, "user")
    elif kind == "starter.attribute_change":
        c = {"attribute": "tier"}
        if rng.random() < 0.4:
            c["to"] = rng.choice(TIERS)
        if rng.random() < 0.2:
            c["from"] = rng.choice(TIERS)
    else:
        c = {"segment": rng.choice([
            {"event": "page_view", "within": "P3D", "count": {"op": "gte", "value": rng.randint(1, 2)}},
            {"all": [{"event": "purchase", "within": "P7D"}, {"attribute": "age", "op": "gte", "value": 30}]},
            {"attribute": "tier", "op": "eq", "value": "gold"}])}
        if rng.random() < 0.5:
            c["time"] = rng.choice(["01:00", "12:00"])
    return {"id": "start", "type": kind, "config": c}


def flow_config(rng, kind, node_id, messages):
    if kind == "wait.duration":
        return {"duration": duration(rng, ["PT0S", "PT30M", "PT2H", "PT6H", "P1D", "P2D", "P1DT12H"])}
    if kind == "wait.until_time":
        c = {"time": rng.choice(["09:00", "02:30", "18:45", "00:00"])}
        if rng.random() < 0.4:
            c["days"] = rng.sample(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], rng.randint(1, 4))
        return c
    if kind == "wait.until_event":
        c = {"event": rng.choice(["purchase", "page_view", "message_opened", "message_clicked", "add_to_cart"]),
             "timeout": duration(rng, ["PT2H", "P1D", "P2D", "P3D"])}
        if c["event"].startswith("message_") and rng.random() < 0.5:
            c["where"] = {"param": "channel", "op": "in", "value": rng.sample(CHANNELS, 4)}
        elif rng.random() < 0.3:
            c["where"] = event_where(rng)
        return c
    if kind == "condition.check":
        return {"tabs": [{"id": f"t{i}", "name": f"Tab {i}", "when": predicate(rng, "event")}
                         for i in range(rng.randint(1, 3))]}
    if kind in ("condition.reachability", "next_best_channel"):
        return {"channels": rng.sample(CHANNELS[:7], rng.randint(1, 4))}
    if kind == "condition.interaction":
        c = {"message": rng.choice(messages), "interaction": rng.choice(["delivered", "opened", "clicked"])}
        if rng.random() < 0.5:
            c["within"] = duration(rng, ["PT10M", "PT1H", "P1D"])
        return c
    if kind == "split.ab":
        n = rng.randint(2, 3)
        variants = [{"id": "ABC"[i], "name": f"Variant {'ABC'[i]}", "weight": rng.choice([1, 2, 3, 1.5, 0.5])}
                    for i in range(n)]
        c = {"variants": variants}
        if rng.random() < 0.75:
            c["autowinner"] = {"metric": rng.choice(["open_rate", "click_rate", "goal_rate"]),
                               "min_entries_per_variant": rng.randint(1, 2),
                               "evaluate_after": duration(rng, ["PT1H", "PT6H", "P1D", "P2D"])}
        return c
    if kind == "action.set_attribute":
        return rng.choice([{"attribute": "tier", "value": rng.choice(TIERS)},
                           {"attribute": "note", "value": "saw {{event.category}}"},
                           {"attribute": "score", "value": rng.randint(1, 9)},
                           {"attribute": "tier", "value": None}])
    if kind == "exit":
        return None
    return message_config(rng, kind)


def ports(node):
    kind, c = node["type"], node.get("config") or {}
    if kind.startswith("starter.") or kind in ("wait.duration", "wait.until_time", "action.set_attribute"):
        return ["out"]
    if kind == "wait.until_event":
        return ["event", "timeout"]
    if kind == "condition.check":
        return [t["id"] for t in c["tabs"]] + ["else"]
    if kind in ("condition.reachability", "next_best_channel"):
        return list(c["channels"]) + ["unreachable"]
    if kind == "condition.interaction":
        return ["yes", "no"]
    if kind == "split.ab":
        return [v["id"] for v in c["variants"]]
    if kind == "exit":
        return []
    return ["out", "failed"]


def gen_journey(rng, seed):
    starter_kind = STARTERS[seed % len(STARTERS)]
    n_flow = rng.randint(3, 12)
    kinds = [rng.choice(FLOW_KINDS) for _ in range(n_flow)]
    # something to measure and something to check: a message early, a split often
    kinds[0] = rng.choice(list(MESSAGE_KINDS) + ["split.ab", "wait.duration"])
    if rng.random() < 0.6 and "split.ab" not in kinds:
        kinds[rng.randrange(n_flow)] = "split.ab"
    if not any(k in MESSAGE_KINDS for k in kinds):
        kinds[-1] = rng.choice(list(MESSAGE_KINDS))
    prefix = {"wait": "w", "condition": "c", "split": "ab", "next_best_channel": "nbc", "message": "m",
              "audience": "fb", "action": "set", "exit": "x"}
    ids = [f"{prefix[k.split('.')[0]]}{i + 1}" for i, k in enumerate(kinds)]
    messages = [ids[i] for i, k in enumerate(kinds) if k in MESSAGE_KINDS]
    nodes = [starter_node(rng, starter_kind)]
    for i, kind in enumerate(kinds):
        node = {"id": ids[i], "type": kind}
        if rng.random() < 0.3:
            node["label"] = f"Step {i + 1}"
        config = flow_config(rng, kind, ids[i], messages)
        if config is not None:
            node["config"] = config
        node["position"] = {"x": 40 + 200 * i, "y": rng.randint(0, 400)}
        nodes.append(node)

    # every node gets an edge from an earlier one (mostly a recent one), so
    # that the starter reaches it; then most free ports lead on, and waits
    # sometimes back
    free = [[(i, p) for p in ports(node)] for i, node in enumerate(nodes)]
    taken = {}
    for i in range(1, len(nodes)):
        sources = [k for k in range(i) if free[k]]
        if not sources:
            break
        k = sources[-1] if rng.random() < 0.5 else rng.choice(sources)
        taken[free[k].pop(rng.randrange(len(free[k])))] = i
    for k, node in enumerate(nodes):
        for port in free[k]:
            r = rng.random()
            later = list(range(k + 1, len(nodes)))
            if node["type"] in WAITS and k > 1 and r < 0.2:
                taken[port] = rng.randrange(1, k)   # a loop back through a wait
            elif r < 0.01 and k > 1:
                taken[port] = rng.randrange(1, k)   # a loop with no wait: the step guard ends it
            elif later and r < 0.75:
                taken[port] = rng.choice(later[:3]) if rng.random() < 0.7 else rng.choice(later)
    edges = []
    for (k, port), to in sorted(taken.items()):
        edge = {"from": nodes[k]["id"], "to": nodes[to]["id"]}
        if port != "out" or rng.random() < 0.5:
            edge["port"] = port
        edges.append(edge)

    journey = {"format": "cairn-journey", "version": 1, "id": f"random-{seed}", "name": f"Random journey {seed}",
               "timezone": rng.choice(ZONES), "nodes": nodes, "edges": edges}
    entry = {}
    if rng.random() < 0.3:
        entry["reentry"] = "once"
    elif rng.random() < 0.6:
        entry["reentry"] = "after_exit"
        if rng.random() < 0.6:
            entry["cooldown"] = duration(rng, ["PT12H", "P1D", "P2D"])
    if starter_kind in DAILY_STARTERS and entry.get("reentry") != "once":
        entry["cooldown"] = entry.get("cooldown", "P1D")
    if entry:
        journey["entry"] = entry
    if rng.random() < 0.8:
        goals = []
        for g in range(rng.randint(1, 2)):
            goal = {"id": f"goal{g + 1}", "name": f"Goal {g + 1}",
                    "event": rng.choice(["purchase", "purchase", "add_to_cart", "signup", "message_clicked"]),
                    "window": duration(rng, ["PT12H", "P1D", "P3D", "P7D"])}
            if rng.random() < 0.4:
                goal["where"] = event_where(rng)
            if rng.random() < 0.6:
                goal["value_param"] = "price"
            if rng.random() < 0.3:
                goal["exit"] = True
            goals.append(goal)
        journey["goals"] = goals
    if rng.random() < 0.5:
        journey["exit_criteria"] = [rng.choice([
            {"event": "unsubscribe"},
            {"event": "message_opened", "where": {"param": "channel", "op": "eq", "value": rng.choice(CHANNELS[:4])}},
            {"event": "purchase", "where": {"param": "category", "op": "eq", "value": rng.choice(CATEGORIES)}}])]
    if rng.random() < 0.5:
        journey["frequency_cap"] = {"max_messages": rng.randint(1, 3), "per": duration(rng, ["PT12H", "P1D", "P2D"])}
    if rng.random() < 0.5:
        journey["quiet_hours"] = {"start": rng.choice(["22:00", "20:30", "13:00"]),
                                  "end": rng.choice(["08:00", "07:15", "15:00"])}
        if rng.random() < 0.5:
            journey["quiet_hours"]["mode"] = rng.choice(["delay", "skip"])
    return journey


def behavior(rng, population=False):
    chans = {}
    for ch in rng.sample(CHANNELS, rng.randint(4, 8)):
        b = {"open": round(rng.uniform(0.3, 0.95), 3), "click": prob(rng)}
        if rng.random() < 0.5:
            b["deliver"] = prob(rng)
        if rng.random() < 0.4:
            b["open_delay"] = duration(rng, ["PT0S", "PT10M", "PT2H"])
        if rng.random() < 0.4:
            b["click_delay"] = duration(rng, ["PT0S", "PT1M", "PT1H"])
        chans[ch] = b
    out = {"channels": chans}
    if rng.random() < 0.6:
        out["after_click"] = [
            {"probability": prob(rng), "delay": duration(rng, ["PT0S", "PT5M", "PT3H"]),
             "event": rng.choice([
                 {"name": "purchase", "platform": "web",
                  "params": {"category": rng.choice(CATEGORIES), "price": rng.choice([19.99, 120, 45.5]),
                             "product_id": "cushion-linen"}},
                 {"name": "page_view", "platform": "web", "params": {"url": rng.choice(URLS)}},
                 {"name": "add_to_cart", "params": {"product_id": "lamp-floor-arc"}}])}
            for _ in range(rng.randint(1, 2))]
    return out


def dates(start, days):
    """Dates that fall in the window (for dynamic dates), as `YYYY-MM-DD`,
    as a birthday in an earlier year, and as an RFC 3339 time."""
    day = lambda k: start + datetime.timedelta(days=k)
    return [day(k).strftime("%Y-%m-%d") for k in range(-1, days + 2)] + \
        [day(k).strftime("1990-%m-%d") for k in range(0, days, 2)] + \
        [day(k).strftime("%Y-%m-%dT10:00:00Z") for k in range(0, days, 3)] + ["1992-02-29", "soon"]


def scripted_event(rng, messages, at, dates):
    kind = rng.choice(["purchase", "purchase", "page_view", "add_to_cart", "booking", "set_attributes",
                       "signup", "unsubscribe", "message_opened", "after_message"])
    if kind == "after_message" and messages:
        e = {"after_message": rng.choice(messages), "delay": duration(rng, ["PT0S", "PT1H", "P1D"]),
             "name": rng.choice(["purchase", "message_clicked", "message_opened", "page_view"])}
        if e["name"] == "purchase":
            e["params"] = {"category": rng.choice(CATEGORIES), "price": rng.randint(10, 200)}
        return e
    e = {"at": at, "name": kind if kind != "after_message" else "purchase"}
    if e["name"] == "purchase":
        cat = rng.choice(CATEGORIES)
        e["params"] = {"category": cat, "product_id": rng.choice(PRODUCTS[cat]),
                       "price": rng.choice([rng.randint(10, 900), round(rng.uniform(5, 500), 2)])}
        if rng.random() < 0.7:
            e["platform"] = rng.choice(["web", "ios", "android", "offline", "api"])
    elif e["name"] in ("page_view", "add_to_cart"):
        e["platform"] = "web" if rng.random() < 0.8 else "ios"
        e["params"] = {"url": rng.choice(URLS), "category": rng.choice(CATEGORIES)}
    elif e["name"] == "booking":
        e["params"] = {"departure_date": rng.choice(dates)}
    elif e["name"] == "set_attributes":
        e["params"] = rng.choice([{"tier": rng.choice(TIERS)}, {"tier": None}, {"city": rng.choice(CITIES)},
                                  {"birthday": rng.choice(dates)}])
    elif e["name"] == "message_opened" and messages:
        e["params"] = {"node": rng.choice(messages)}
    return e


def gen_scenario(rng, seed, journey, big=False):
    days = rng.randint(3, 9)
    # from late October: DST ends in Europe (25 Oct) and America (1 Nov)
    start = datetime.datetime(2026, 10, 22, tzinfo=datetime.timezone.utc) + datetime.timedelta(days=rng.randint(0, 11))
    end = start + datetime.timedelta(days=days)
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    messages = [n["id"] for n in journey["nodes"] if n["type"] in MESSAGE_KINDS]
    window_dates = dates(start, days)
    autowinner = any(n["type"] == "split.ab" and "autowinner" in n["config"] for n in journey["nodes"])
    users = []
    n_users = rng.randint(2, 8)
    used_times = {}
    for u in range(n_users):
        user = {"id": rng.choice(["sophie", "alex", "kim", "ana", "li", "omar", "eva", "joe", "mia", "ravi"])
                + f"-{u + 1}"}
        attrs = {"name": user["id"].split("-")[0].title(), "age": rng.randint(18, 70), "city": rng.choice(CITIES)}
        if rng.random() < 0.5:
            attrs["tier"] = rng.choice(TIERS)
        if rng.random() < 0.6:
            attrs["birthday"] = rng.choice(window_dates)
        user["attributes"] = attrs
        user["reachability"] = {ch: rng.random() < 0.85 for ch in rng.sample(CHANNELS, rng.randint(5, 8))}
        if rng.random() < 0.6:
            aff = {"discount": round(rng.random(), 2)}
            if rng.random() < 0.5:
                aff["channels"] = {ch: round(rng.random(), 2) for ch in rng.sample(CHANNELS[:7], 2)}
            user["affinity"] = aff
        user["behavior"] = behavior(rng)
        events = []
        secs = None
        for _ in range(rng.randint(1, 6)):
            r = rng.random()
            if secs is not None and r < 0.1:
                pass   # the same instant as this user's previous event
            elif r < 0.13:
                secs = rng.choice([0, days * 86400, -3600, days * 86400 + 60])   # the window's edges, and outside
            else:
                secs = rng.randrange(0, days * 86400)
            if autowinner:
                # no two users' input events at the same instant (see the
                # users-order check in test-metamorphic.py)
                while secs in used_times and used_times[secs] != u:
                    secs += 1
            elif used_times and rng.random() < 0.15:
                secs = rng.choice(list(used_times))   # another user's instant
            used_times[secs] = u
            if secs >= 0 and rng.random() < 0.7:
                at = f"PT{secs}S"
            else:
                at = stamp(start + datetime.timedelta(seconds=secs))
            events.append(scripted_event(rng, messages, at, window_dates))
        user["events"] = events
        users.append(user)
    scenario = {"format": "cairn-scenario", "version": 1, "name": f"Random scenario {seed}",
                "start": stamp(start), "end": stamp(end),
                "seed": rng.randrange(0, 2 ** 40), "catalog": "catalog.json", "users": users}
    if big or rng.random() < 0.8:
        personas = []
        for p in range(rng.randint(1, 2)):
            persona = {"name": f"persona {p}", "weight": rng.choice([1, 2, 3]),
                       "attributes": {"age": {"uniform": [18, 70]}, "city": {"choice": CITIES},
                                      "tier": {"weighted": {"gold": 1, "silver": 2, "bronze": 3}},
                                      "birthday": {"choice": rng.sample(window_dates, 4)}},
                       "reachability": {ch: round(rng.uniform(0.5, 0.95), 3)
                                        for ch in rng.sample(CHANNELS, rng.randint(4, 8))},
                       "affinity": {"discount": {"uniform": [0.0, 1.0]}},
                       "behavior": behavior(rng, True)}
            rate = 0.05 if big else 0.6
            persona["events"] = [
                {"name": "purchase", "rate_per_day": round(rng.uniform(0.2, 1) * rate, 3),
                 "platform": {"choice": ["web", "ios"]},
                 "params": {"category": {"weighted": {"furniture": 3, "home-decor": 1, "lighting": 1}},
                            "price": {"uniform": [20, 900]},
                            "product_id": {"choice": ["sofa-oslo", "cushion-linen", "lamp-floor-arc"]}}},
                {"name": "page_view", "rate_per_day": round(rng.uniform(0.2, 1) * rate, 3), "platform": "web",
                 "params": {"url": {"choice": URLS}}},
                {"name": "set_attributes", "rate_per_day": round(rng.uniform(0.1, 0.8) * rate, 3),
                 "params": {"tier": {"choice": TIERS}}},
                {"name": "booking", "rate_per_day": round(rng.uniform(0, 0.5) * rate, 3),
                 "params": {"departure_date": {"choice": rng.sample(window_dates, 3)}}},
            ]
            personas.append(persona)
        scenario["generate"] = {"count": 20000 if big else rng.randint(20, 150), "personas": personas}
        if rng.random() < 0.5:
            scenario["generate"]["id_prefix"] = rng.choice(["g", "crowd-", "p_"])
    return scenario


def gen_case(seed, big=False):
    rng = random.Random(seed)
    journey = gen_journey(rng, seed)
    if big:
        # users may run apart on threads only without an autowinner; and
        # let many of them enter
        journey["nodes"][0] = {"id": "start", "type": "starter.event", "config": {"event": "purchase"}}
        for node in journey["nodes"]:
            if node["type"] == "split.ab":
                node["config"].pop("autowinner", None)
    return journey, gen_scenario(rng, seed, journey, big)


# Transformations ---------------------------------------------------------

def shuffled_document(journey, rng):
    j = copy.deepcopy(journey)
    rng.shuffle(j["nodes"])
    rng.shuffle(j["edges"])
    return j


def rename_nodes(journey, scenario, mapping):
    """Node ids renamed everywhere: nodes, edges, condition.interaction,
    after_message and input engagement events' params.node."""
    j = copy.deepcopy(journey)
    s = copy.deepcopy(scenario)
    for node in j["nodes"]:
        node["id"] = mapping[node["id"]]
        if node["type"] == "condition.interaction":
            node["config"]["message"] = mapping[node["config"]["message"]]
    for edge in j["edges"]:
        edge["from"] = mapping[edge["from"]]
        edge["to"] = mapping[edge["to"]]
    for user in s["users"]:
        for e in user["events"]:
            if "after_message" in e:
                e["after_message"] = mapping[e["after_message"]]
            if isinstance(e.get("params"), dict) and e["params"].get("node") in mapping:
                e["params"]["node"] = mapping[e["params"]["node"]]
    return j, s


def draw_free_ids(journey):
    """Ids that are in no draw's key (R): not splits, not message nodes."""
    return [n["id"] for n in journey["nodes"] if n["type"] != "split.ab" and n["type"] not in MESSAGE_KINDS]


def without_draws(journey, scenario):
    """A twin where no draw decides anything: every engagement probability
    is 0 or 1 and every split has one variant of positive weight. (R keys
    contain the node id, so only such a run can be invariant under a
    renaming of the nodes.)"""
    j = copy.deepcopy(journey)
    s = copy.deepcopy(scenario)
    for node in j["nodes"]:
        if node["type"] == "split.ab":
            variants = node["config"]["variants"]
            keep = len(variants) - 1 if sum(v["weight"] for v in variants) > 4 else 0
            for i, v in enumerate(variants):
                v["weight"] = 1 if i == keep else 0

    def fix_behavior(b):
        if not isinstance(b, dict):
            return
        for ch in b.get("channels", {}).values():
            for key in ("deliver", "open", "click"):
                if key in ch:
                    ch[key] = 1 if ch[key] >= 0.5 else 0
        for spec in b.get("after_click", []):
            if "probability" in spec:
                spec["probability"] = 1 if spec["probability"] >= 0.5 else 0
    for user in s["users"]:
        fix_behavior(user.get("behavior"))
    for persona in s.get("generate", {}).get("personas", []):
        fix_behavior(persona.get("behavior"))
    return j, s
