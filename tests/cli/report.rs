//! `okr report`: goldens of every format on the shipped `okrs/`, the HTML page
//! rendered by a real browser, hostile titles escaped, and person files left
//! out of every many-owner view (`status`, `grade`, `report`, `tree`) unless
//! `--include-personal`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::*;

const AS_OF: &str = "2026-11-21";

/// `okr ARGS` over the shipped `okrs/`, from the repository root, 80 columns,
/// a UTF-8 locale: its stdout, after checking it exits with 0.
pub fn shipped(args: &[&str]) -> String {
    let output = okr()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "80")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .arg("--dir")
        .arg(shipped_okrs())
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "okr {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Compares `actual` with `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        actual == expected,
        "{name} differs from {}; if the change is intended, run with UPDATE_GOLDEN=1.\n--- actual ---\n{actual}",
        path.display()
    );
}

#[test]
fn markdown_golden() {
    golden("report/q4.md", &shipped(&["report", "--as-of", AS_OF]));
}

#[test]
fn markdown_is_the_default_format() {
    assert_eq!(
        shipped(&["report", "--as-of", AS_OF]),
        shipped(&["report", "--as-of", AS_OF, "--format", "markdown"])
    );
}

#[test]
fn html_golden() {
    golden(
        "report/q4.html",
        &shipped(&["report", "--as-of", AS_OF, "--format", "html"]),
    );
}

#[test]
fn json_golden() {
    golden(
        "report/q4.json",
        &shipped(&["report", "--as-of", AS_OF, "--format", "json"]),
    );
}

#[test]
fn csv_golden() {
    golden(
        "report/q4.csv",
        &shipped(&["report", "--as-of", AS_OF, "--format", "csv"]),
    );
}

#[test]
fn a_finished_quarter_shows_grades() {
    let view: Value = serde_json::from_str(&shipped(&[
        "report",
        "--quarter",
        "2026-Q3",
        "--as-of",
        "2026-10-20",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(view["ended"], true);
    assert_eq!(view["measure"], "grade");
    for owner in view["owners"].as_array().unwrap() {
        assert_eq!(owner["figure"], owner["grade"], "{owner}");
        for objective in owner["objectives"].as_array().unwrap() {
            assert_eq!(objective["figure"], objective["grade"], "{objective}");
        }
    }
    let md = shipped(&["report", "--quarter", "2026-Q3", "--as-of", "2026-10-20"]);
    assert!(md.contains("the quarter is over"), "{md}");
    assert!(md.contains("| Grade | Band |"), "{md}");
}

#[test]
fn figures_are_the_status_and_grade_views_own() {
    let report: Value =
        serde_json::from_str(&shipped(&["report", "--as-of", AS_OF, "--format", "json"])).unwrap();
    let status: Value =
        serde_json::from_str(&shipped(&["status", "--as-of", AS_OF, "--format", "json"])).unwrap();
    let grade: Value =
        serde_json::from_str(&shipped(&["grade", "--as-of", AS_OF, "--format", "json"])).unwrap();
    assert_eq!(report["heading"], "2026-Q4 · 1 Oct – 31 Dec 2026");
    for name in ["acme", "devrel", "platform"] {
        let (r, s, g) = (
            owner(&report, name),
            owner(&status, name),
            owner(&grade, name),
        );
        assert_eq!(r["score"], s["score"]);
        assert_eq!(r["grade"], g["grade"]);
        for o in r["objectives"].as_array().unwrap() {
            let id = o["id"].as_str().unwrap();
            assert_eq!(o["score"], objective(s, id)["score"]);
            assert_eq!(o["grade"], objective(g, id)["grade"]);
            for k in o["key_results"].as_array().unwrap() {
                let kid = k["id"].as_str().unwrap();
                let (sk, gk) = (kr(objective(s, id), kid), kr(objective(g, id), kid));
                for field in [
                    "baseline", "current", "target", "progress", "health", "score",
                ] {
                    assert_eq!(k[field], sk[field], "{name}/{id}/{kid} {field}");
                }
                assert_eq!(k["grade"], gk["grade"]);
            }
        }
    }
    let picture = &report["picture"];
    assert_eq!(picture["live_key_results"], 12);
    assert_eq!(picture["on_track"], 7);
    assert_eq!(picture["dropped"], 1);
    assert_eq!(
        picture["grade_bands"]["red"],
        grade["summary"]["bands"]["red"]
    );
    assert_eq!(report["changed_course"][0]["key_result"], "tutorial");
}

// ---------------------------------------------------------------- hostile text

const HOSTILE: &str = r#"
    quarter: 2026-Q4
    team: red-team
    objectives:
      - id: hostile
        title: "<script>alert('x')</script> | A & B \"quoted\"\nsecond line"
        key_results:
          - id: pipes
            title: "Tables | break <b>here</b>\nand here"
            baseline: 0
            target: 10
            unit: "<i>u</i>"
            current: 5
          - id: gone
            title: Dropped one
            baseline: 0
            target: 10
            dropped: "Reason with <img src=x onerror=alert(1)> | and\nnewline"
"#;

fn hostile(format: &str) -> String {
    let okrs = Okrs::new().file("2026-Q4/red.yaml", HOSTILE);
    let output = okrs
        .okr(&["report", "--as-of", AS_OF, "--format", format])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn html_escapes_everything_from_a_file() {
    let html = hostile("html");
    for raw in ["<script", "<b>here", "<i>u</i>", "<img", "alert('x')"] {
        assert!(!html.contains(raw), "raw {raw} in the page:\n{html}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | A &amp; B &quot;quoted&quot;<br>second line"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn markdown_escapes_pipes_markup_and_keeps_line_breaks() {
    let md = hostile("markdown");
    for raw in ["<script", "<b>here", "<i>u</i>", "<img"] {
        assert!(!md.contains(raw), "raw {raw} in the Markdown:\n{md}");
    }
    assert!(
        md.contains(
            "&lt;script&gt;alert('x')&lt;/script&gt; \\| A &amp; B \"quoted\"<br>second line"
        ),
        "{md}"
    );
    assert!(
        md.contains("| Tables \\| break &lt;b&gt;here&lt;/b&gt;<br>and here |"),
        "{md}"
    );
    // Every table row stays on one line with the header's number of cells.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert!(line.ends_with('|'), "a broken table row: {line}");
        let cells = line.replace("\\|", "").matches('|').count();
        // Key results (with the Projected column while the quarter runs), grades.
        assert!(cells == 8 || cells == 3, "{cells} bars: {line}");
    }
}

#[test]
fn csv_is_one_record_per_line_and_quotes_commas() {
    let csv = hostile("csv");
    // A line break from a file is shown, so one key result is one line.
    assert!(
        csv.contains(",Reason with <img src=x onerror=alert(1)> | and\\nnewline\n"),
        "{csv}"
    );
    assert!(csv.contains("\"<script>alert('x')</script> | A & B \"\"quoted\"\"\\nsecond line\""));
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

// ------------------------------------------------------ personal OKRs left out

fn with_a_person() -> Okrs {
    Okrs::new()
        .file(
            "2026-Q4/acme.yaml",
            r#"
            quarter: 2026-Q4
            company: acme
            objectives:
              - id: growth
                title: Acme grows
                key_results:
                  - id: revenue
                    title: Revenue rises from 10 to 20
                    baseline: 10
                    target: 20
                    current: 15
            "#,
        )
        .file(
            "2026-Q4/web.yaml",
            r#"
            quarter: 2026-Q4
            team: web
            objectives:
              - id: faster
                title: Pages load fast
                aligns: acme/growth
                key_results:
                  - id: lcp
                    title: LCP falls from 4 to 2 seconds
                    baseline: 4
                    target: 2
                    current: 3
            "#,
        )
        .file(
            "2026-Q4/people/zoe.yaml",
            r#"
            quarter: 2026-Q4
            person: zoe
            team: web
            objectives:
              - id: grow
                title: Zoeprivate speaks at a conference
                aligns: web/faster
                key_results:
                  - id: talks
                    title: Zoeprivate talks given rise from 0 to 2
                    baseline: 0
                    target: 2
                    current: 1
            "#,
        )
}

/// Every many-owner view in every format.
const VIEWS: &[&[&str]] = &[
    &["status", "--format", "table"],
    &["status", "--format", "json"],
    &["status", "--format", "markdown"],
    &["status", "--format", "csv"],
    &["grade", "--format", "table"],
    &["grade", "--format", "json"],
    &["grade", "--format", "markdown"],
    &["grade", "--format", "csv"],
    &["report", "--format", "markdown"],
    &["report", "--format", "html"],
    &["report", "--format", "json"],
    &["report", "--format", "csv"],
    &["tree", "--format", "text"],
    &["tree", "--format", "json"],
];

fn run(okrs: &Okrs, view: &[&str], extra: &[&str]) -> String {
    let mut args = view.to_vec();
    args.extend(["--as-of", AS_OF]);
    args.extend(extra);
    let output = okrs.okr(&args).output().unwrap();
    assert!(output.status.success(), "okr {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn person_files_are_left_out_of_every_many_owner_view_by_default() {
    let okrs = with_a_person();
    for view in VIEWS {
        let out = run(&okrs, view, &[]);
        assert!(
            !out.contains("zoe") && !out.contains("Zoeprivate"),
            "okr {view:?} shows the person file:\n{out}"
        );
        assert!(out.contains("web"), "okr {view:?} lost the team:\n{out}");
    }
}

#[test]
fn include_personal_shows_person_files_in_every_many_owner_view() {
    let okrs = with_a_person();
    for view in VIEWS {
        let out = run(&okrs, view, &["--include-personal"]);
        assert!(
            out.contains("Zoeprivate") || out.contains("zoe"),
            "okr {view:?} --include-personal hides the person file:\n{out}"
        );
    }
}

#[test]
fn views_that_leave_person_files_out_say_so() {
    let okrs = with_a_person();
    for view in [
        &["status", "--format", "table"][..],
        &["grade", "--format", "table"],
        &["report", "--format", "markdown"],
        &["report", "--format", "html"],
        &["tree", "--format", "text"],
    ] {
        let out = run(&okrs, view, &[]);
        assert!(
            out.contains("1 person file left out"),
            "okr {view:?} does not say a person file was left out:\n{out}"
        );
        let json = run(&okrs, &[view[0], "--format", "json"], &[]);
        let json: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["person_files_left_out"], 1, "okr {view:?}");
    }
}

// ------------------------------------------------------------------ the browser

/// A headless Chromium run, killed after a minute.
fn chromium(args: &[&str], profile: &Path) -> std::process::Output {
    let mut child = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within a minute: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Where test artefacts go: the `target/` folder of this build.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .to_path_buf()
}

#[test]
fn the_html_report_renders_in_a_real_browser() {
    if !Path::new("/usr/bin/chromium").exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but /usr/bin/chromium is missing: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!(
            "SKIPPED the_html_report_renders_in_a_real_browser: /usr/bin/chromium is missing (install it with `apt-get install chromium`; in CI this test fails instead)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("q4.html");
    fs::write(
        &page,
        shipped(&["report", "--as-of", AS_OF, "--format", "html"]),
    )
    .unwrap();
    let url = format!("file://{}", page.display());

    let dom = chromium(&["--dump-dom", &url], &dir.path().join("profile"));
    assert!(dom.status.success(), "{dom:?}");
    let dom = String::from_utf8(dom.stdout).unwrap();
    assert!(
        dom.contains("<h1>OKR report · 2026-Q4 · 1 Oct – 31 Dec 2026</h1>"),
        "{dom}"
    );

    let view: Value =
        serde_json::from_str(&shipped(&["report", "--as-of", AS_OF, "--format", "json"])).unwrap();
    let owners = view["owners"].as_array().unwrap();
    let mut objectives = 0;
    let mut live = 0;
    for owner in owners {
        let name = owner["owner"].as_str().unwrap();
        assert!(
            dom.contains(&format!("id=\"owner-{name}\"")),
            "owner {name} missing"
        );
        for o in owner["objectives"].as_array().unwrap() {
            objectives += 1;
            let title = o["title"].as_str().unwrap();
            assert!(
                dom.contains(&format!("<h3>{title}</h3>")),
                "objective {title} missing"
            );
            live += o["key_results"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|k| k["dropped"].is_null())
                .count();
        }
    }
    assert_eq!(owners.len(), 3);
    assert_eq!(
        dom.matches("class=\"bar objective-bar\"").count(),
        objectives,
        "one bar per objective"
    );
    assert_eq!(
        dom.matches("class=\"bar kr-bar\"").count(),
        live,
        "one bar per live key result"
    );
    assert!(dom.contains("class=\"chart health-chart\""));
    assert_eq!(
        dom.matches("class=\"column\"").count(),
        7,
        "grade columns with key results"
    );
    assert!(dom.contains("id=\"changed-course\""));
    assert!(!dom.contains("<script"), "no script in the page");

    let screenshot = target_dir().join("report-screenshot.png");
    let _ = fs::remove_file(&screenshot);
    let shot = chromium(
        &[
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=1200,2000",
            &url,
        ],
        &dir.path().join("profile"),
    );
    assert!(shot.status.success(), "{shot:?}");
    let png = fs::read(&screenshot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        png.len() > 20_000,
        "a screenshot of a page, not a blank one"
    );
    eprintln!("screenshot: {}", screenshot.display());
}

/// The report on a phone: in a 375 px wide frame, the page is no wider than
/// the frame, and every objective card holds its table (nothing spills out,
/// the score column included). Measured by a script in a wrapper page around
/// the report (the report itself has none), while the quarter runs and after.
#[test]
fn the_html_report_fits_a_phone() {
    if !Path::new("/usr/bin/chromium").exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but /usr/bin/chromium is missing: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!("SKIPPED the_html_report_fits_a_phone: /usr/bin/chromium is missing");
        return;
    }
    const MEASURE: &str = r#"<!doctype html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:375px;height:800px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {
  const w = document.getElementById('f').contentWindow, d = w.document;
  const out = ['page ' + d.documentElement.scrollWidth + ' of ' + w.innerWidth];
  const cards = d.querySelectorAll('.objective');
  out.push('cards ' + cards.length);
  cards.forEach((card, i) => {
    const box = card.getBoundingClientRect();
    if (card.scrollWidth > card.clientWidth || box.right > w.innerWidth)
      out.push('card ' + i + ' spills: ' + card.scrollWidth + ' > ' + card.clientWidth);
    card.querySelectorAll('td, th, svg, table').forEach((el) => {
      // A header row kept for screen readers only is clipped to nothing.
      if (el.closest('thead') && getComputedStyle(el.closest('thead')).position === 'absolute') return;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > box.right + 0.5)
        out.push('card ' + i + ': ' + el.tagName + ' ends at ' + Math.round(r.right) + ' past ' + Math.round(box.right));
    });
  });
  const pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
});
</script></body></html>"#;
    for as_of in [AS_OF, "2027-01-20"] {
        let dir = tempfile::tempdir().unwrap();
        let html = shipped(&[
            "report",
            "--quarter",
            "2026-Q4",
            "--as-of",
            as_of,
            "--include-personal",
            "--format",
            "html",
        ]);
        fs::write(dir.path().join("report.html"), html).unwrap();
        fs::write(dir.path().join("phone.html"), MEASURE).unwrap();
        let url = format!("file://{}", dir.path().join("phone.html").display());
        let dom = chromium(
            &[
                "--allow-file-access-from-files",
                "--window-size=800,900",
                "--virtual-time-budget=5000",
                "--dump-dom",
                &url,
            ],
            &dir.path().join("profile"),
        );
        assert!(dom.status.success(), "{dom:?}");
        let dom = String::from_utf8(dom.stdout).unwrap();
        let measured = dom
            .split_once("<pre id=\"measure\">")
            .and_then(|(_, rest)| rest.split_once("</pre>"))
            .map(|(m, _)| m.to_string())
            .unwrap_or_else(|| panic!("no measurement in {dom}"));
        let mut lines = measured.lines();
        let page = lines.next().unwrap();
        let (width, frame) = page
            .strip_prefix("page ")
            .and_then(|p| p.split_once(" of "))
            .unwrap();
        let (width, frame): (u32, u32) = (width.parse().unwrap(), frame.parse().unwrap());
        assert_eq!(frame, 375, "{measured}");
        assert!(
            width <= 375,
            "as of {as_of}, the page is {width} px wide at 375:\n{measured}"
        );
        let cards: usize = lines
            .next()
            .and_then(|l| l.strip_prefix("cards "))
            .unwrap()
            .parse()
            .unwrap();
        assert!(cards >= 8, "{measured}");
        let spills: Vec<&str> = lines.collect();
        assert!(spills.is_empty(), "as of {as_of}:\n{}", spills.join("\n"));
    }
}

/// Each key result's bar has the colour of the band badge beside it (not of
/// its health), and a company objective is the top of the cascade, never
/// "aligns with nothing", in HTML and Markdown, while the quarter runs and after.
#[test]
fn bars_follow_the_band_and_company_objectives_align_with_nothing_is_not_said() {
    for as_of in [AS_OF, "2027-01-20"] {
        let args = ["report", "--quarter", "2026-Q4", "--as-of", as_of];
        let html = shipped(&[&args[..], &["--format", "html"]].concat());
        let mut rows = 0;
        for row in html
            .split("<tr")
            .filter(|r| r.contains("class=\"bar kr-bar\""))
        {
            let row = row.split("</tr>").next().unwrap();
            let fill = row
                .split("url(#fill-")
                .nth(1)
                .and_then(|r| r.split(')').next())
                .unwrap_or("none");
            let band = row
                .rsplit("<span class=\"badge ")
                .next()
                .and_then(|r| r.split('"').next())
                .unwrap();
            if fill != "none" {
                assert_eq!(fill, band, "as of {as_of}: {row}");
                rows += 1;
            }
        }
        assert!(rows >= 8, "{rows} rows with a bar");
        let markdown = shipped(&args);
        for (format, text, start, end) in [
            ("html", &html, "id=\"owner-acme\"", "id=\"owner-devrel\""),
            ("markdown", &markdown, "## acme", "## devrel"),
        ] {
            let acme = text.split(start).nth(1).unwrap_or_default();
            let acme = acme.split(end).next().unwrap();
            assert!(!acme.contains("aligns with nothing"), "{format}: {acme}");
            assert!(acme.contains("company objective"), "{format}: {acme}");
        }
    }
}
