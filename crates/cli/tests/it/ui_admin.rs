//! The administration pages (users, partner organisations), case teams and the account page, over
//! plain HTTP (the browser test in browser.rs drives user creation in Chromium).

use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use counternet_domain::Role;
use counternet_store::users;

use crate::support::{call, spawn_app, Backend, TestApp, TestUser, PASSWORD};
use crate::web::{browser, csrf_of, get, sign_in};

/// Posts a form with the CSRF token of the page at `page`; returns status, Location and body.
async fn post_form(
    app: &TestApp,
    c: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let (_, html) = get(c, app.url(page)).await;
    let csrf = csrf_of(&html);
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let r = c.post(app.url(action)).form(&form).send().await.unwrap();
    let status = r.status();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location, r.text().await.unwrap())
}

/// Signs in through the form; returns the status and where it went.
async fn try_sign_in(app: &TestApp, c: &reqwest::Client, username: &str, password: &str) -> (StatusCode, String) {
    let (_, html) = get(c, app.url("/login")).await;
    let r = c
        .post(app.url("/login"))
        .form(&[("csrf", csrf_of(&html).as_str()), ("username", username), ("password", password)])
        .send()
        .await
        .unwrap();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (r.status(), location)
}

/// Whether the client's session is live: the home page answers instead of sending to sign-in.
async fn signed_in(app: &TestApp, c: &reqwest::Client) -> bool {
    c.get(app.url("/")).send().await.unwrap().status() == StatusCode::OK
}

/// The text of the first `role="alert"` element.
fn alert_of(html: &str) -> String {
    let i = html.find("role=\"alert\">").expect("an alert");
    html[i + 13..].split('<').next().unwrap().to_string()
}

/// A case opened on 1 May 2026 by `user` through the API.
async fn open_case(app: &TestApp, user: &TestUser) -> String {
    let api = app.login(user).await;
    let (status, case) = call(
        &api,
        reqwest::Method::POST,
        app.url("/api/v1/cases"),
        Some(json!({"title": "Fishing boat crew held at sea", "tactics": ["victim_identification"],
                    "exploitation_types": ["forced_labour"], "opened_on": "2026-05-01"})),
    )
    .await;
    assert_eq!(status, 201, "{case}");
    case["id"].as_str().unwrap().to_string()
}

const NEW_PASSWORD: &str = "a brand new password for malee";

/// The new-user form for malee.k.
fn user_form<'a>(org: &'a str, role: &'a str, repeat: &'a str) -> [(&'static str, &'a str); 6] {
    [
        ("username", "Malee.K"),
        ("display_name", "Malee K."),
        ("role", role),
        ("org_id", org),
        ("password", NEW_PASSWORD),
        ("password_repeat", repeat),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_creates_a_user_who_can_then_sign_in() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("root", Role::Administrator, None).await;
    let c = sign_in(&app, &admin).await;

    let (s, page) = get(&c, app.url("/admin/users")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"new-user\""), "the page has the new-user form");
    assert!(page.contains("data-username=\"root\""), "the administrator is listed");
    for (id, label) in
        [("new-role", "Role"), ("new-org", "Organisation"), ("new-password-repeat", "Repeat the password")]
    {
        assert!(page.contains(&format!("<label for=\"{id}\">{label}")), "{id} has a visible label");
    }
    assert!(page.contains(">Social worker</option>"), "roles are offered by their labels");
    assert!(page.contains("Provincial Police Unit (Partner)"), "partner organisations are offered");

    let own = app.own_org.id.to_string();
    let partner = app.partner_org.id.to_string();
    let own = own.as_str();
    let partner = partner.as_str();

    // The repeated password differs: 422, the field named, the input kept but not the passwords.
    let (s, _, html) =
        post_form(&app, &c, "/admin/users", "/admin/users", &user_form(own, "investigator", "something else entirely"))
            .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).contains("Repeat the password"), "{}", alert_of(&html));
    assert!(html.contains("value=\"Malee.K\""), "the username is kept");
    assert!(!html.contains(NEW_PASSWORD), "the password is not sent back");

    // A partner organisation's user must be a partner liaison: the store's refusal, translated.
    let (s, _, html) =
        post_form(&app, &c, "/admin/users", "/admin/users", &user_form(partner, "investigator", NEW_PASSWORD)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(alert_of(&html), "Role: users of a partner organisation can only be partner liaisons.");

    // A short password.
    let short = [
        ("username", "malee.k"),
        ("role", "investigator"),
        ("org_id", own),
        ("password", "short"),
        ("password_repeat", "short"),
    ];
    let (s, _, html) = post_form(&app, &c, "/admin/users", "/admin/users", &short).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(alert_of(&html), "Password: use at least 12 characters.");

    let f = user_form(own, "investigator", NEW_PASSWORD);
    let (s, location, _) = post_form(&app, &c, "/admin/users", "/admin/users", &f).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/admin/users?done=created&user="), "{location}");
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("User malee.k was created."), "the notice names the new user");
    assert!(page.contains("data-username=\"malee.k\""));

    // The same username again is refused.
    let (s, _, html) = post_form(&app, &c, "/admin/users", "/admin/users", &f).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(alert_of(&html), "Username: this username is already in use.");

    // The new user signs in with the password the administrator set.
    let malee = browser();
    assert_eq!(try_sign_in(&app, &malee, "malee.k", NEW_PASSWORD).await, (StatusCode::SEE_OTHER, "/".to_string()));
    let (s, home) = get(&malee, app.url("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!home.contains("id=\"nav-admin\""), "an investigator has no administration link");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_reach_the_administration_pages() {
    let app = spawn_app(Backend::Sqlite).await;
    let manager = app.user("lek", Role::Manager, None).await;
    let c = sign_in(&app, &manager).await;
    for path in ["/admin/users", "/admin/organisations"] {
        let (s, page) = get(&c, app.url(path)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}");
        assert!(page.contains("You are not allowed to do this."), "{path} says why, in words");
    }
    let (s, _, _) = post_form(
        &app,
        &c,
        "/account",
        "/admin/users",
        &[
            ("username", "sneaky"),
            ("role", "administrator"),
            ("password", NEW_PASSWORD),
            ("password_repeat", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(app.with_store(|s| s.read(None, |tx| users::find_by_username(tx, "sneaky")).unwrap()).await.is_none());

    // Without a session: to sign-in.
    let (s, _) = get(&browser(), app.url("/admin/users")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_a_user_ends_their_session_and_enabling_lets_them_back() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("root", Role::Administrator, None).await;
    let worker = app.user("somchai", Role::SocialWorker, None).await;
    let c = sign_in(&app, &admin).await;
    let w = sign_in(&app, &worker).await;
    assert!(signed_in(&app, &w).await);

    let (s, location, _) =
        post_form(&app, &c, "/admin/users", &format!("/admin/users/{}/disable", worker.id), &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("somchai was disabled; their sessions have ended."));
    assert!(!signed_in(&app, &w).await, "the disabled user's session has ended");
    assert_eq!(try_sign_in(&app, &browser(), "somchai", PASSWORD).await.0, StatusCode::UNAUTHORIZED);

    // The administrator cannot disable themself: the store's refusal, shown.
    let (s, _, html) = post_form(&app, &c, "/admin/users", &format!("/admin/users/{}/disable", admin.id), &[]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(alert_of(&html), "You cannot disable your own account.");
    assert!(signed_in(&app, &c).await);

    // A form without its token changes nothing.
    let r = c.post(app.url(&format!("/admin/users/{}/enable", worker.id))).form(&[("csrf", "x")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let (s, _, _) = post_form(&app, &c, "/admin/users", &format!("/admin/users/{}/enable", worker.id), &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(try_sign_in(&app, &browser(), "somchai", PASSWORD).await.0, StatusCode::SEE_OTHER);

    // A new password set by the administrator ends the user's sessions too.
    let w = sign_in(&app, &worker).await;
    let path = format!("/admin/users/{}/password", worker.id);
    let (s, _, html) =
        post_form(&app, &c, "/admin/users", &path, &[("password", NEW_PASSWORD), ("password_repeat", "other")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).starts_with("Repeat the password"));
    assert!(signed_in(&app, &w).await, "a refused reset changes nothing");
    let (s, _, _) =
        post_form(&app, &c, "/admin/users", &path, &[("password", NEW_PASSWORD), ("password_repeat", NEW_PASSWORD)])
            .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(!signed_in(&app, &w).await);
    assert_eq!(try_sign_in(&app, &browser(), "somchai", NEW_PASSWORD).await.0, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_registers_a_partner_organisation() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("root", Role::Administrator, None).await;
    let c = sign_in(&app, &admin).await;

    let (s, page) = get(&c, app.url("/admin/organisations")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Test Foundation") && page.contains("Own organisation"));
    assert!(page.contains("Law enforcement"), "types by their labels");

    let bad = [("name", "Mekong Legal Aid"), ("org_type", "legal_service"), ("country", "Laos")];
    let (s, _, html) = post_form(&app, &c, "/admin/organisations", "/admin/organisations", &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).starts_with("Country"), "{}", alert_of(&html));
    assert!(html.contains("value=\"Mekong Legal Aid\""), "the name is kept");

    let good = [("name", "Mekong Legal Aid"), ("org_type", "legal_service"), ("country", "lao")];
    let (s, location, _) = post_form(&app, &c, "/admin/organisations", "/admin/organisations", &good).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("Mekong Legal Aid was registered."));
    assert!(page.contains("Legal service") && page.contains("LAO"));
    let (_, users_page) = get(&c, app.url("/admin/users")).await;
    assert!(users_page.contains("Mekong Legal Aid (Partner)"), "the new partner is offered for users");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_is_added_to_and_removed_from_a_case_team() {
    let app = spawn_app(Backend::Sqlite).await;
    let kiet = app.user("kiet", Role::Investigator, None).await;
    let dao = app.user("dao", Role::Lawyer, None).await;
    let analyst = app.user("nid", Role::Analyst, None).await;
    let root = app.user("root", Role::Administrator, None).await;
    let partner = app.user("police1", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let case_id = open_case(&app, &kiet).await;
    let team = format!("/cases/{case_id}/team");

    let k = sign_in(&app, &kiet).await;
    let d = sign_in(&app, &dao).await;
    assert_eq!(get(&d, app.url(&format!("/cases/{case_id}"))).await.0, StatusCode::NOT_FOUND);

    let (s, page) = get(&k, app.url(&team)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("<option value=\"{}\">dao", dao.id)), "a colleague is offered");
    assert!(!page.contains("root"), "administrators do not work cases");
    assert!(!page.contains("police1") && !page.contains(&partner.id.to_string()), "nor do partners");
    assert!(!page.contains("class=\"secondary remove\""), "the only member cannot be removed");

    let dao_id = dao.id.to_string();
    let (s, location, _) = post_form(&app, &k, &team, &team, &[("action", "add"), ("user_id", dao_id.as_str())]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("{team}?done=added").as_str()));
    let (_, page) = get(&k, app.url(&location)).await;
    assert!(page.contains("The colleague was added to the team."));
    assert!(page.contains("data-username=\"dao\""));
    let (s, case_page) = get(&d, app.url(&format!("/cases/{case_id}"))).await;
    assert_eq!(s, StatusCode::OK, "the added colleague opens the case");
    assert!(case_page.contains("Fishing boat crew held at sea"));

    // Nothing chosen: the field is named.
    let (s, _, html) = post_form(&app, &k, &team, &team, &[("action", "add"), ("user_id", "")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(alert_of(&html), "Colleague is required.");
    // Someone outside the organisation cannot join.
    let partner_id = partner.id.to_string();
    let (s, _, html) = post_form(&app, &k, &team, &team, &[("action", "add"), ("user_id", partner_id.as_str())]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).starts_with("Colleague"));

    // An analyst on the team reads the case but may not change the team; an administrator does
    // not see the case at all.
    let analyst_id = analyst.id.to_string();
    post_form(&app, &k, &team, &team, &[("user_id", analyst_id.as_str())]).await;
    let a = sign_in(&app, &analyst).await;
    assert_eq!(get(&a, app.url(&format!("/cases/{case_id}"))).await.0, StatusCode::OK);
    assert_eq!(get(&a, app.url(&team)).await.0, StatusCode::FORBIDDEN);
    let admin = sign_in(&app, &root).await;
    assert_eq!(get(&admin, app.url(&team)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&d, app.url(&format!("/cases/{}/team", Uuid::nil()))).await.0, StatusCode::NOT_FOUND);

    let (s, location, _) =
        post_form(&app, &k, &team, &team, &[("action", "remove"), ("user_id", dao_id.as_str())]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("{team}?done=removed").as_str()));
    assert_eq!(get(&d, app.url(&format!("/cases/{case_id}"))).await.0, StatusCode::NOT_FOUND, "off the team");
    post_form(&app, &k, &team, &team, &[("action", "remove"), ("user_id", analyst_id.as_str())]).await;

    // The last member stays.
    let kiet_id = kiet.id.to_string();
    let (s, _, html) = post_form(&app, &k, &team, &team, &[("action", "remove"), ("user_id", kiet_id.as_str())]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).starts_with("A case keeps at least one team member."));
    assert_eq!(get(&k, app.url(&format!("/cases/{case_id}"))).await.0, StatusCode::OK);

    // Every change is in the audit trail.
    let actions: Vec<String> = app
        .with_store(|s| {
            use counternet_store::schema::audit_log;
            use diesel::prelude::*;
            let mut conn = s.connection().unwrap();
            audit_log::table
                .filter(audit_log::action.like("case.team_%"))
                .order(audit_log::seq.asc())
                .select(audit_log::action)
                .load::<String>(&mut *conn)
                .unwrap()
        })
        .await;
    assert_eq!(actions, ["case.team_add", "case.team_add", "case.team_remove", "case.team_remove"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_ones_own_password_needs_the_current_one() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("ploy", Role::SocialWorker, None).await;
    let c = sign_in(&app, &user).await;
    let (s, page) = get(&c, app.url("/account")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("<label for=\"current-password\">Current password</label>"));

    let wrong = [
        ("current_password", "not my password at all"),
        ("new_password", NEW_PASSWORD),
        ("new_password_repeat", NEW_PASSWORD),
    ];
    let (s, _, html) = post_form(&app, &c, "/account", "/account/password", &wrong).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(alert_of(&html), "Current password: this is not your current password.");
    assert!(!html.contains(NEW_PASSWORD));
    assert!(signed_in(&app, &c).await, "still signed in");
    assert_eq!(try_sign_in(&app, &browser(), "ploy", NEW_PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(try_sign_in(&app, &browser(), "ploy", PASSWORD).await.0, StatusCode::SEE_OTHER, "the old one works");

    let mismatch =
        [("current_password", PASSWORD), ("new_password", NEW_PASSWORD), ("new_password_repeat", "something else")];
    let (s, _, html) = post_form(&app, &c, "/account", "/account/password", &mismatch).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).starts_with("Repeat the new password"));

    let other = sign_in(&app, &user).await;
    let right = [("current_password", PASSWORD), ("new_password", NEW_PASSWORD), ("new_password_repeat", NEW_PASSWORD)];
    let (s, location, _) = post_form(&app, &c, "/account", "/account/password", &right).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/account/password-changed"));
    assert!(!signed_in(&app, &c).await && !signed_in(&app, &other).await, "every session ended");
    let (s, notice) = get(&c, app.url(&location)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(notice.contains("Your password was changed") && notice.contains("id=\"login\""));
    // The sign-in form on that page works.
    let r = c
        .post(app.url("/login"))
        .form(&[("csrf", csrf_of(&notice).as_str()), ("username", "ploy"), ("password", NEW_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(signed_in(&app, &c).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_changes_a_users_role_and_their_sessions_end() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("root", Role::Administrator, None).await;
    let ana = app.user("ana", Role::Analyst, None).await;
    let police = app.user("pol", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let theirs = sign_in(&app, &ana).await;
    let c = sign_in(&app, &admin).await;
    let (_, page) = get(&c, app.url("/admin/users")).await;
    assert!(page.contains(&format!("<label for=\"role-{}\">", ana.id)), "each user has a labelled role choice");
    assert!(!page.contains(&format!("id=\"role-{}\"", admin.id)), "but not one's own");

    let action = format!("/admin/users/{}/role", ana.id);
    let (s, location, _) = post_form(&app, &c, "/admin/users", &action, &[("role", "investigator")]).await;
    assert_eq!(
        (s, location.as_str()),
        (StatusCode::SEE_OTHER, format!("/admin/users?done=role&user={}", ana.id).as_str())
    );
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("ana has a new role"));
    assert!(!signed_in(&app, &theirs).await, "the old permissions end with the sessions");
    let who = app.with_store(move |s| s.read(None, |tx| users::get(tx, ana.id)).unwrap()).await;
    assert_eq!(who.role, Role::Investigator);

    // A partner's user stays a partner liaison; an unknown role and one's own role are refused.
    let action = format!("/admin/users/{}/role", police.id);
    let (s, _, html) = post_form(&app, &c, "/admin/users", &action, &[("role", "manager")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).contains("partner"), "{}", alert_of(&html));
    let action = format!("/admin/users/{}/role", ana.id);
    let (s, _, _) = post_form(&app, &c, "/admin/users", &action, &[("role", "king")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let action = format!("/admin/users/{}/role", admin.id);
    let (s, _, html) = post_form(&app, &c, "/admin/users", &action, &[("role", "auditor")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert_of(&html).contains("your own role"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_left_open_cannot_be_used_to_guess_the_password() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("wan", Role::Investigator, None).await;
    let c = sign_in(&app, &user).await;
    let max = counternet_store::users::SessionPolicy::default().max_failures_per_user;
    for i in 0..max {
        let guess = format!("guess number {i} of many");
        let form = [
            ("current_password", guess.as_str()),
            ("new_password", NEW_PASSWORD),
            ("new_password_repeat", NEW_PASSWORD),
        ];
        let (s, _, _) = post_form(&app, &c, "/account", "/account/password", &form).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "guess {i} is checked");
    }
    // Now even the right password is refused for a while, here and at sign-in.
    let right = [("current_password", PASSWORD), ("new_password", NEW_PASSWORD), ("new_password_repeat", NEW_PASSWORD)];
    let (s, _, html) = post_form(&app, &c, "/account", "/account/password", &right).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert!(alert_of(&html).contains("Too many failed attempts"), "{}", alert_of(&html));
    assert_eq!(try_sign_in(&app, &browser(), "wan", PASSWORD).await.0, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(try_sign_in(&app, &browser(), "wan", PASSWORD).await.0, StatusCode::SEE_OTHER, "after the window");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_buddhist_era_shows_on_the_case_page_once_chosen() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("anong", Role::Investigator, None).await;
    let case_id = open_case(&app, &user).await;
    let c = sign_in(&app, &user).await;
    let case = format!("/cases/{case_id}");
    let (_, page) = get(&c, app.url(&case)).await;
    assert!(page.contains("1 May 2026") && !page.contains("2569"));

    let (s, location, _) = post_form(&app, &c, "/account", "/account/preferences", &[("buddhist_era", "on")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/account?done=saved"));
    let (_, account) = get(&c, app.url(&location)).await;
    assert!(account.contains("Your changes were saved."));
    assert!(account.contains("type=\"checkbox\" value=\"on\" checked"), "the box stays ticked");
    let (_, page) = get(&c, app.url(&case)).await;
    assert!(page.contains("1 May 2569"), "the year is 2026 + 543");

    // Unticked: the common era again.
    let (s, _, _) = post_form(&app, &c, "/account", "/account/preferences", &[]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page) = get(&c, app.url(&case)).await;
    assert!(page.contains("1 May 2026"));
}
