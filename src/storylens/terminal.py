"""Terminal views (rich): the story list and one story's brief."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storylens.model import Article, Evidence, Story


def story_table(stories: list[Story], highlight: set[str]) -> Table:
    table = Table(title=f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}", title_justify="left")
    for column in ("story", "articles", "shared", "conflicts"):
        table.add_column(column, no_wrap=True)
    table.add_column("title", ratio=1)
    for story in stories:
        brief = story.brief
        shared = sum(1 for f in brief.facts if f.coverage in ("all", "some"))
        style = "bold" if story.id in highlight else ""
        table.add_row(story.id, str(len(story.article_ids)), str(shared), str(len(brief.conflicts)), story.title, style=style)
    return table


def _cite(evidence: list[Evidence], numbers: dict[str, int]) -> str:
    return " ".join(f"[{numbers.get(e.article_id, '?')}.{e.sentence + 1}]" for e in evidence)


def render_story(story: Story, articles: dict[str, Article]) -> Group:
    numbers = {aid: i for i, aid in enumerate(story.article_ids, start=1)}
    brief = story.brief
    parts: list = [Text(story.title, style="bold underline"), Text(f"story {story.id}")]
    for note in brief.notes:
        parts.append(Panel(Text(note), style="yellow"))
    sources = Table("n", "outlet", "title", title="Articles", title_justify="left")
    for aid, n in numbers.items():
        article = articles.get(aid)
        if article:
            attached = " (attached)" if aid in story.attached_ids else ""
            sources.add_row(str(n), article.outlet or "?", article.title + attached)
    parts.append(sources)
    if brief.summary:
        parts.append(Text("Summary", style="bold"))
        parts.extend(Text(f"• {s.text} {_cite(s.evidence, numbers)}") for s in brief.summary)
    if brief.conflicts:
        conflicts = Table("about", "kind", "claims", title="Conflicts", title_justify="left")
        for c in brief.conflicts:
            claims = "\n".join(f"{cl.value} [{numbers.get(cl.article_id, '?')}.{cl.sentence + 1}]" for cl in c.claims)
            conflicts.add_row(c.about, c.kind, claims)
        parts.append(conflicts)
    facts = Table("coverage", "fact", "evidence", title="Facts", title_justify="left")
    for f in brief.facts:
        facts.add_row(f.coverage, f.text, _cite(f.evidence, numbers))
    parts.append(facts)
    # Words in quotation marks apart from what a sentence says someone said, thinks or wants:
    # a reader weighs a verbatim quote and a reporter's paraphrase differently.
    for direct, title, column in ((True, "Quotes", "quote"), (False, "Reported statements and positions", "statement")):
        rows = [q for q in brief.quotes if q.direct is direct]
        if rows:
            table = Table("speaker", column, "where", title=title, title_justify="left")
            for q in rows:
                text = f"“{q.text}”" if direct else q.text
                table.add_row(q.speaker or "unknown", text, f"[{numbers.get(q.article_id, '?')}.{q.sentence + 1}]")
            parts.append(table)
    people = [e for e in brief.entities if e.type == "PERSON"]
    if people:
        table = Table("person", "role", "also named", "in", title="People", title_justify="left")
        for e in people:
            others = ", ".join(a for a in e.aliases if a != e.name)
            where = " ".join(f"[{n}]" for n in sorted(numbers[a] for a in e.article_ids if a in numbers))
            table.add_row(e.name, "; ".join(e.roles), others, where)
        parts.append(table)
    if brief.cited_sources:
        cited = Table("source", "cited by", "common", title="Cited sources", title_justify="left")
        for c in brief.cited_sources:
            cited.add_row(c.name, " ".join(f"[{numbers.get(a, '?')}]" for a in c.article_ids), "yes" if c.common else "")
        parts.append(cited)
    if brief.opinion:
        parts.append(Text("Opinion sentences", style="bold"))
        parts.extend(Text(f"• {e.text} [{numbers.get(e.article_id, '?')}.{e.sentence + 1}]") for e in brief.opinion)
    return Group(*parts)
