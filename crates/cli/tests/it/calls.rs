//! Call-detail records a police partner provides, imported into a case: the calls become dated
//! links between phones; importing again adds nothing; a bad row refuses the whole file, naming its
//! line and column; only those who may change the case import, only those who see it read.

use reqwest::{Client, Method};
use serde_json::Value;

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::api_case;

async fn import(app: &TestApp, c: &Client, case: &str, csv: &str) -> (u16, Value) {
    let r = c
        .post(app.url(&format!("/api/v1/cases/{case}/call-records")))
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

const CDR: &str = "A_Number,B_Number,Start Time,Duration,Cell\n\
    0812345678,0899999999,01/05/2569 10:22:33,125,T1\n\
    0812345678,+66 89 999 9999,2026-05-03 08:00,0:01:00,T1\n\
    0899999999,0812345678,2026-05-02 21:10:00,40,T2\n\
    0812345678,0861111111,2026-04-28 07:00:00,5,T3\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_records_become_dated_links_between_phones() {
    for backend in backends() {
        calls(backend).await;
    }
}

async fn calls(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Call records from Provincial Police").await;
    let c = app.login(&inv).await;
    let (s, team) = call(
        &c,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case}/team")),
        Some(serde_json::json!({"user_id": analyst.id})),
    )
    .await;
    assert_eq!(s, 200, "{team}");

    // A bad row refuses the whole file and says where, without the value.
    let bad = format!("{CDR}0812345678,not a number,2026-05-04 09:00,30,T1\n");
    let (s, e) = import(&app, &c, &case, &bad).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["field"], "file");
    assert!(e["message"].as_str().unwrap().contains("line 6, column 2"), "{e}");
    assert!(!e.to_string().contains("not a number"));
    let (_, listed) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/call-records")), None).await;
    assert_eq!(listed, serde_json::json!([]), "nothing of a refused file is kept");

    let (s, summary) = import(&app, &c, &case, CDR).await;
    assert_eq!(s, 200, "{summary}");
    assert_eq!(summary["calls_read"], 4);
    assert_eq!(summary["calls_added"], 4);
    assert_eq!(summary["phones_added"], 3);
    assert_eq!(summary["links_added"], 3, "one link per caller and callee, in each direction");
    assert_eq!(summary["ignored_columns"], serde_json::json!(["cell"]));

    // The calls as dated links between the phones of the case.
    let (_, people) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/parties")), None).await;
    let phones: Vec<&Value> = people.as_array().unwrap().iter().filter(|p| p["party"]["kind"] == "phone").collect();
    assert_eq!(phones.len(), 3);
    let main = phones.iter().find(|p| p["party"]["identifier"] == "+66812345678").unwrap();
    let (_, links) = call(
        &c,
        Method::GET,
        app.url(&format!("/api/v1/parties/{}/links", main["party"]["id"].as_str().unwrap())),
        None,
    )
    .await;
    let to_b = links
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["from"] == main["party"]["id"] && l["kind"] == "called" && l["starts_on"] == "2026-05-01")
        .expect("the link of the two calls to +66899999999");
    assert_eq!(to_b["ends_on"], "2026-05-03");
    assert_eq!(to_b["source"], "call_record");
    assert_eq!(to_b["notes"], "2 calls, 3 min 5 s in all");

    // Again: nothing added. More calls later: the link's dates grow.
    let (_, again) = import(&app, &c, &case, CDR).await;
    assert_eq!(
        (again["calls_added"].as_u64(), again["phones_added"].as_u64(), again["links_added"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    let more = "caller,callee,date,time,seconds\n0812345678,0899999999,2026-05-09,12:00,60\n";
    let (_, grown) = import(&app, &c, &case, more).await;
    assert_eq!((grown["calls_added"].as_u64(), grown["links_updated"].as_u64()), (Some(1), Some(1)), "{grown}");
    let (_, listed) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/call-records")), None).await;
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 5);
    assert_eq!(listed[0]["started_at"], "2026-04-28T07:00:00");
    assert_eq!(listed[0]["duration_seconds"], 5);

    // An analyst reads the calls but may not import; another team sees nothing.
    let a = app.login(&analyst).await;
    let (s, _) = call(&a, Method::GET, app.url(&format!("/api/v1/cases/{case}/call-records")), None).await;
    assert_eq!(s, 200);
    assert_eq!(import(&app, &a, &case, CDR).await.0, 403);
    let o = app.login(&other).await;
    assert_eq!(import(&app, &o, &case, CDR).await.0, 404);
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/cases/{case}/call-records")), None).await;
    assert_eq!(s, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_s_call_records_page_imports_a_file_and_lists_the_calls() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Call records page").await;
    let web = crate::web::sign_in(&app, &inv).await;
    let (s, page) = crate::web::get(&web, app.url(&format!("/cases/{case}/calls"))).await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"no-calls\"") && page.contains("enctype=\"multipart/form-data\""));
    let token = crate::web::csrf_of(&page);
    let send = |csv: &'static str, token: String| {
        let (web, url) = (web.clone(), app.url(&format!("/cases/{case}/calls")));
        async move {
            let form = reqwest::multipart::Form::new().text("csrf", token).part(
                "file",
                reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
                    .file_name("cdr.csv")
                    .mime_str("text/csv")
                    .unwrap(),
            );
            let r = web.post(url).multipart(form).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (s, html) = send("caller,callee,start,duration\n0811111111,nope,2026-05-01 10:00,30\n", token.clone()).await;
    assert_eq!(s, 422);
    assert!(html.contains("role=\"alert\"") && html.contains("line 2, column 2"), "{html}");
    assert!(html.contains("id=\"no-calls\""), "nothing of the refused file is kept");
    let (s, html) = send(CDR, token.clone()).await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("id=\"calls-imported\""), "{html}");
    assert_eq!(html.matches("<tr>").count(), 1 + 4, "the header and four calls: {html}");
    assert!(html.contains("+66812345678") && html.contains("2026-05-01 10:22:33") && html.contains("2:05"));
    // Without the form's token nothing is imported.
    let (s, _) = send(CDR, "wrong".into()).await;
    assert_ne!(s, 200);
}
