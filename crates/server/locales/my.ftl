# counternet interface: Burmese (မြန်မာဘာသာ), in Unicode, never Zawgyi (a test checks this).
#
# Same message ids and variables as en.ftl. Formal written style (-သည် / -ပါသည်).
# "အမှု" is a case; "ကျူးလွန်ခံရသူ" a victim, "ကျူးလွန်သူ" a perpetrator.
# Digits stay Western (0-9) so that numbers and dates read the same on every page.
# The Buddhist-era setting adds 543 years as in Thailand: the Myanmar Sasana era (+544) is a
# different count, so the setting says "Thai".

## Common

app-name = counternet
quick-exit = အမြန်ထွက်ရန်
quick-exit-hint = counternet မှ ချက်ချင်းထွက်ပြီး သာမန်ဝက်ဘ်ဆိုက်တစ်ခုကို ဖွင့်ပေးမည်။ သင့်မျက်နှာပြင်ကို တစ်စုံတစ်ယောက် ကြည့်နေနိုင်လျှင် အသုံးပြုပါ။
skip-to-content = ပင်မအကြောင်းအရာသို့ ကျော်သွားရန်
main-navigation = ပင်မမီနူး
nav-home = ပင်မစာမျက်နှာ
nav-cases = အမှုများ
nav-new-case = အမှုသစ်
nav-admin = စီမံခန့်ခွဲမှု
nav-language = ဘာသာစကား
signed-in-as = { $name } အဖြစ် ဝင်ရောက်ထားသည်
sign-out = ထွက်ရန်
save = သိမ်းရန်
saved = ပြောင်းလဲမှုများကို သိမ်းဆည်းပြီးပါပြီ။
cancel = မလုပ်တော့ပါ
confirm = အတည်ပြုရန်
edit = ပြင်ဆင်ရန်
close = ပိတ်ရန်
back = နောက်သို့
details = အသေးစိတ်
actions = လုပ်ဆောင်ချက်များ
search = ရှာဖွေရန်
filter = စစ်ထုတ်ရန်
clear-filters = စစ်ထုတ်မှုများကို ရှင်းလင်းရန်
pagination = စာမျက်နှာများ
previous-page = ယခင်စာမျက်နှာ
next-page = နောက်စာမျက်နှာ
page-of = စုစုပေါင်း { $pages } မျက်နှာအနက် စာမျက်နှာ { $page }
required = မဖြစ်မနေ ဖြည့်ရန်
optional = ဖြည့်ရန် မလိုအပ်
yes = ဟုတ်ကဲ့
no = မဟုတ်ပါ
none = မရှိပါ
unknown = မသိရ
not-set = သတ်မှတ်ထားခြင်း မရှိသေးပါ
masked-value = ဖုံးကွယ်ထားသည်
loading = ဖွင့်နေသည်…
error-title = အမှား
error-generic-title = တစ်ခုခု မှားယွင်းသွားပါသည်
error-generic = တစ်ခုခု မှားယွင်းသွားပါသည်။ အမှားအမှတ် { $id } ကို သင်၏ စနစ်စီမံခန့်ခွဲသူထံ ပြောပြပါ။
not-found = သင်ရှာသော စာမျက်နှာ သို့မဟုတ် မှတ်တမ်းကို မတွေ့ပါ။
forbidden = ဤလုပ်ဆောင်ချက်ကို ပြုလုပ်ခွင့် သင့်တွင် မရှိပါ။
session-expired = သင်၏ ဝင်ရောက်မှု သက်တမ်းကုန်သွားပါပြီ။ ကျေးဇူးပြု၍ ထပ်မံဝင်ရောက်ပါ။

## Login

login-title = ဝင်ရောက်ရန်
login-username = အသုံးပြုသူအမည်
login-password = စကားဝှက်
login-submit = ဝင်ရောက်ရန်
login-failed = အသုံးပြုသူအမည် သို့မဟုတ် စကားဝှက် မှားနေပါသည်။
login-throttled = မအောင်မြင်သော ကြိုးပမ်းမှု အကြိမ်များလွန်းပါသည်။ 15 မိနစ် စောင့်ပြီးမှ ထပ်ကြိုးစားပါ။
login-shared-device-hint = အများသုံး ကွန်ပျူတာတွင် အသုံးပြုပြီးတိုင်း အမြဲ ထွက်ပါ။
signed-out = သင် ထွက်ပြီးပါပြီ။

## Home

home-title = ပင်မစာမျက်နှာ
home-welcome = ကြိုဆိုပါသည်၊ { $name }
home-my-cases = ကျွန်ုပ်၏ အမှုများ
home-no-cases = သင်သည် မည်သည့်အမှုအဖွဲ့တွင်မျှ မပါဝင်သေးပါ။
home-tasks-due = မကြာမီ ပြီးရမည့် လုပ်ငန်းများ
home-tasks-overdue = သတ်မှတ်ရက် ကျော်လွန်နေသော လုပ်ငန်းများ
home-no-tasks = သင့်တွင် ဆောင်ရွက်ရန် ကျန်နေသော လုပ်ငန်း မရှိပါ။
home-deadlines = ရောက်လာမည့် သတ်မှတ်ရက်များ
due-today = ယနေ့ ပြီးရမည်
due-in-days = နောက် { $days } ရက်အတွင်း ပြီးရမည်
overdue-by-days = သတ်မှတ်ရက်ထက် { $days } ရက် ကျော်နေပြီ

## Case list

cases-title = အမှုများ
cases-filter-status = အခြေအနေ
cases-filter-tactic = နည်းဗျူဟာ
cases-filter-exploitation = အမြတ်ထုတ်ခံရမှု အမျိုးအစား
cases-filter-member = အဖွဲ့ဝင်
cases-filter-opened-from = ဖွင့်သည့်ရက် (မှ)
cases-filter-opened-to = ဖွင့်သည့်ရက် (အထိ)
cases-search = ရည်ညွှန်းအမှတ် သို့မဟုတ် ခေါင်းစဉ်ဖြင့် ရှာရန်
cases-none = ဤစစ်ထုတ်မှုများနှင့် ကိုက်ညီသော အမှု မရှိပါ။
cases-count = အမှု { $count } ခု
case-reference = ရည်ညွှန်းအမှတ်
case-title = ခေါင်းစဉ်
case-status = အခြေအနေ
case-opened = ဖွင့်သည့်ရက်
case-tactics = နည်းဗျူဟာများ

## Case page

case-overview = ခြုံငုံသုံးသပ်ချက်
case-people = ပုဂ္ဂိုလ်များ
case-events = လူကုန်ကူးမှု ဖြစ်ရပ်များ
case-links = ဆက်သွယ်ချက်များ
case-notes = မှတ်စုများ
case-tasks = လုပ်ငန်းများ
case-history = ပြင်ဆင်မှု မှတ်တမ်း
case-team = အဖွဲ့
case-summary = အကျဉ်းချုပ်
case-add-note = မှတ်စု ထည့်ရန်
case-add-task = လုပ်ငန်း ထည့်ရန်
case-no-people = ဤအမှုတွင် ပုဂ္ဂိုလ် မထည့်ရသေးပါ။
case-no-events = လူကုန်ကူးမှု ဖြစ်ရပ် မှတ်တမ်းတင်ထားခြင်း မရှိသေးပါ။
case-no-links = ဆက်သွယ်ချက် မှတ်တမ်းတင်ထားခြင်း မရှိသေးပါ။
case-no-notes = မှတ်စု မရှိသေးပါ။
case-no-tasks = လုပ်ငန်း မရှိသေးပါ။
note-text = မှတ်စု
task-title = လုပ်ငန်း
task-due = ပြီးရမည့်ရက်
task-done = ပြီးပါပြီ
task-mark-done = ပြီးကြောင်း မှတ်ရန်
task-overdue = ရက်ကျော်နေပြီ
task-assignee = တာဝန်ယူသူ
event-stage = အဆင့်
event-date = ရက်စွဲ
event-place = နေရာ
event-country = နိုင်ငံ
link-from = မှ
link-to = သို့
link-kind = ဆက်နွယ်မှု
link-source = သတင်းရင်းမြစ်
link-confidence = ယုံကြည်စိတ်ချရမှု
person-masked-hint = ကျူးလွန်ခံရသူကို ကာကွယ်ရန် ကိုယ်ရေးအချက်အလက်ကို ဖုံးကွယ်ထားသည်။
reveal = ဖော်ပြရန်
reveal-reason = ဖော်ပြရသည့် အကြောင်းရင်း
reveal-reason-required = ဤကိုယ်ရေးအချက်အလက်ကို ဖော်ပြရန် အကြောင်းရင်း ရေးပါ။ ဖော်ပြမှုတိုင်းကို မှတ်တမ်းတင်ထားသည်။
revealed-by-you = သင်ကိုယ်တိုင် ဖော်ပြခဲ့သည်။ ၎င်းကို စစ်ဆေးရေး မှတ်တမ်းတွင် မှတ်တမ်းတင်ထားပြီး ဖြစ်သည်။
add-person = ပုဂ္ဂိုလ် ထည့်ရန်
search-before-create-hint = အရင်ရှာပါ။ ဤပုဂ္ဂိုလ်ကို ဤအမှု သို့မဟုတ် အခြားအမှုတွင် မှတ်တမ်းတင်ထားပြီး ဖြစ်နိုင်သည်။
possible-matches = ကိုက်ညီနိုင်သော မှတ်တမ်းများ
no-matches = ကိုက်ညီသော မှတ်တမ်း မတွေ့ပါ။
create-new-person = ပုဂ္ဂိုလ်အသစ် ဖန်တီးရန်

## New case

new-case-title = အမှုသစ်
new-case-submit = အမှုဖွင့်ရန်
field-title = ခေါင်းစဉ်
field-title-hint = အမှုအတွက် တိုတောင်းသော ခေါင်းစဉ်။ ကျူးလွန်ခံရသူ၏ အမည်ကို မထည့်ပါနှင့်။
field-summary = အကျဉ်းချုပ်
field-opened-on = ဖွင့်သည့်ရက်
field-status = အခြေအနေ
field-tactics = နည်းဗျူဟာများ
field-exploitation = အမြတ်ထုတ်ခံရမှု အမျိုးအစားများ

## Vocabulary: tactics (the organisation's eight tactics)

tactic-victim_identification = ကျူးလွန်ခံရသူကို ဖော်ထုတ်သတ်မှတ်ခြင်း
tactic-perpetrator_identification = ကျူးလွန်သူကို ဖော်ထုတ်ခြင်း
tactic-asset_seizure = ပိုင်ဆိုင်မှုများ သိမ်းဆည်းခြင်း
tactic-exploitation_spectrum = အမြတ်ထုတ်မှု ပုံစံအမျိုးမျိုး
tactic-law_enforcement_partnership = ဥပဒေစိုးမိုးရေး အဖွဲ့အစည်းများနှင့် ပူးပေါင်းဆောင်ရွက်ခြင်း
tactic-judicial_advocacy = တရားစီရင်ရေးဆိုင်ရာ ထောက်ခံအားပေးမှု
tactic-victim_compensation = ကျူးလွန်ခံရသူအတွက် လျော်ကြေးတောင်းဆိုခြင်း
tactic-survivor_follow_up = ကျူးလွန်ခံရသူကို နောက်ဆက်တွဲ စောင့်ရှောက်ခြင်း

## Vocabulary: case status (HTCDS)

status-active = ဆောင်ရွက်ဆဲ
status-follow_up = နောက်ဆက်တွဲ စောင့်ကြည့်ဆဲ
status-closed = ပိတ်ပြီး
status-closed_referred = ပိတ်ပြီး (လွှဲပြောင်းပေးပြီး)

## Vocabulary: type of exploitation (HTCDS)

exploitation-forced_labour = အဓမ္မ လုပ်အားခိုင်းစေခြင်း
exploitation-sexual_exploitation = လိင်ပိုင်းဆိုင်ရာ အမြတ်ထုတ်ခြင်း
exploitation-child_labour = ကလေးလုပ်သား ခိုင်းစေခြင်း
exploitation-forced_marriage = အဓမ္မ လက်ထပ်စေခြင်း
exploitation-servitude = ကျွန်ပြုခြင်း သို့မဟုတ် ကျွန်သဖွယ် ခိုင်းစေခြင်း
exploitation-forced_military = အဓမ္မ စစ်မှုထမ်းစေခြင်း (နိုင်ငံတော်မဟုတ်သော လက်နက်ကိုင်အဖွဲ့များ)
exploitation-organ_removal = ကိုယ်တွင်းအင်္ဂါ ထုတ်ယူခြင်း
exploitation-forced_begging = အဓမ္မ သူတောင်းစားလုပ်ခိုင်းခြင်း
exploitation-forced_adoption = အဓမ္မ မွေးစားစေခြင်း
exploitation-surrogacy = အဓမ္မ ကိုယ်ဝန်ငှားဆောင်စေခြင်း
exploitation-prostitution = ပြည့်တန်ဆာ လုပ်ကိုင်စေခြင်း
exploitation-pornography = ညစ်ညမ်းပုံနှင့် ဗီဒီယို ထုတ်လုပ်ခြင်း
exploitation-remote_interactive_services = အွန်လိုင်းမှတစ်ဆင့် လိင်ပိုင်းဆိုင်ရာ အမြတ်ထုတ်ခြင်း
exploitation-private_sexual_services = ပုဂ္ဂလိက လိင်ဝန်ဆောင်မှု
exploitation-other = အခြား

## Vocabulary: stage of a trafficking event

stage-recruitment = လူစုဆောင်းခြင်း
stage-transit = သယ်ယူပို့ဆောင်ခြင်း
stage-exploitation = အမြတ်ထုတ်ခြင်း

## Vocabulary: method of recruitment (HTCDS)

recruitment-place_of_business = စီးပွားရေးလုပ်ငန်း တည်နေရာ
recruitment-educational_institution = ပညာရေး အဖွဲ့အစည်း
recruitment-at_work = အလုပ်ခွင်တွင်
recruitment-online_social_networks = အွန်လိုင်း လူမှုကွန်ရက်
recruitment-online_advert = အွန်လိုင်း ကြော်ငြာ
recruitment-tv_advert = ရုပ်မြင်သံကြား ကြော်ငြာ
recruitment-newspaper_advert = သတင်းစာ ကြော်ငြာ
recruitment-family = မိသားစု
recruitment-friends = သူငယ်ချင်း
recruitment-other = အခြား

## Vocabulary: organisation types (HTCDS)

org-type-ngo = အစိုးရမဟုတ်သော အဖွဲ့အစည်း
org-type-law_enforcement = ဥပဒေစိုးမိုးရေး အဖွဲ့အစည်း
org-type-health_service = ကျန်းမာရေး ဝန်ဆောင်မှု
org-type-central_government = ဗဟိုအစိုးရ
org-type-local_government = ဒေသန္တရ အစိုးရ
org-type-immigration = လူဝင်မှုကြီးကြပ်ရေး
org-type-legal_service = ဥပဒေရေးရာ ဝန်ဆောင်မှု
org-type-corporate = ကုမ္ပဏီ
org-type-school_or_college = ကျောင်း သို့မဟုတ် ကောလိပ်

## Vocabulary: gender (HTCDS)

gender-feminine = အမျိုးသမီး
gender-masculine = အမျိုးသား
gender-transgender_feminine = လိင်ကူးပြောင်း အမျိုးသမီး
gender-transgender_masculine = လိင်ကူးပြောင်း အမျိုးသား
gender-non_conforming = ကျား/မ ဘောင်ပြင်ပ
gender-unknown = မသိရ

## Vocabulary: kinds of party

party-kind-person = ပုဂ္ဂိုလ်
party-kind-organisation = အဖွဲ့အစည်း
party-kind-phone = ဖုန်းနံပါတ်
party-kind-email = အီးမေးလ်
party-kind-address = နေရပ်လိပ်စာ
party-kind-vehicle = ယာဉ်
party-kind-bank_account = ဘဏ်အကောင့်
party-kind-online_account = အွန်လိုင်း အကောင့်

## Vocabulary: a party's role in a case

role-victim = ကျူးလွန်ခံရသူ
role-perpetrator = ကျူးလွန်သူ
role-witness = သက်သေ
role-guardian = အုပ်ထိန်းသူ
role-informant = သတင်းပေးသူ
role-subject = ဆက်စပ်သော အခြားပုဂ္ဂိုလ် သို့မဟုတ် အရာ

## Vocabulary: perpetrator's role in the process (HTCDS)

perpetrator-role-travelling_partner = ခရီးအတူသွားသူ
perpetrator-role-transporter = သယ်ယူပို့ဆောင်သူ
perpetrator-role-recruiter_or_intermediary = လူစုဆောင်းသူ သို့မဟုတ် ကြားလူ
perpetrator-role-broker_or_travel_agent = ပွဲစား သို့မဟုတ် ခရီးသွားအေဂျင်စီ
perpetrator-role-transferred_harboured_sold_bought_received_controlled = လွှဲပြောင်းသူ၊ ခိုလှုံရာပေးသူ၊ ရောင်းသူ၊ ဝယ်သူ၊ လက်ခံသူ သို့မဟုတ် ထိန်းချုပ်သူ
perpetrator-role-smuggler = လူမှောင်ခိုသူ
perpetrator-role-abuser = ညှဉ်းပန်းနှိပ်စက်သူ
perpetrator-role-kidnapper = ပြန်ပေးဆွဲသူ
perpetrator-role-exploiter = အမြတ်ထုတ်သူ
perpetrator-role-other = အခြား

## Vocabulary: kinds of link between two parties

link-kind-family = ဆွေမျိုး
link-kind-associate = အသိ သို့မဟုတ် အပေါင်းအပါ
link-kind-employs = အလုပ်ခန့်ထားသည်
link-kind-owns = ပိုင်ဆိုင်သည်
link-kind-directs = ဒါရိုက်တာ သို့မဟုတ် စီမံသူ ဖြစ်သည်
link-kind-uses_phone = ဖုန်းနံပါတ် အသုံးပြုသည်
link-kind-uses_email = အီးမေးလ် အသုံးပြုသည်
link-kind-uses_account = အကောင့် အသုံးပြုသည်
link-kind-lives_at = နေထိုင်ရာ
link-kind-recruited = စုဆောင်းခဲ့သည်
link-kind-transported = သယ်ယူပို့ဆောင်ခဲ့သည်
link-kind-exploited = အမြတ်ထုတ်ခဲ့သည်
link-kind-paid = ငွေပေးခဲ့သည်
link-kind-called = ဖုန်းခေါ်ခဲ့သည်
link-kind-unknown = မသိရ

## Vocabulary: where a link's information came from

link-source-interview = တွေ့ဆုံမေးမြန်းခြင်း
link-source-police_referral = ရဲမှ လွှဲပြောင်းခြင်း
link-source-document = စာရွက်စာတမ်း
link-source-bank_record = ဘဏ်မှတ်တမ်း
link-source-call_record = ဖုန်းခေါ်ဆိုမှု မှတ်တမ်း
link-source-open_source = အများသုံး သတင်းရင်းမြစ်
link-source-partner = မိတ်ဖက်အဖွဲ့အစည်း
link-source-investigation = စုံစမ်းစစ်ဆေးမှု
link-source-other = အခြား

## Vocabulary: confidence in a link

confidence-low = နိမ့်
confidence-medium = အလယ်အလတ်
confidence-high = မြင့်
confidence-confirmed = အတည်ပြုပြီး

## Vocabulary: user roles

user-role-investigator = စုံစမ်းစစ်ဆေးသူ
user-role-lawyer = ရှေ့နေ
user-role-social_worker = လူမှုဝန်ထမ်း
user-role-analyst = လေ့လာသုံးသပ်သူ
user-role-manager = မန်နေဂျာ
user-role-partner_liaison = မိတ်ဖက်အဖွဲ့ ဆက်သွယ်ရေး တာဝန်ခံ
user-role-auditor = စစ်ဆေးရေး တာဝန်ခံ
user-role-administrator = စနစ်စီမံခန့်ခွဲသူ

## Administration

admin-title = စီမံခန့်ခွဲမှု
admin-users = အသုံးပြုသူများ
admin-organisations = အဖွဲ့အစည်းများ
admin-new-user = အသုံးပြုသူအသစ်
admin-new-organisation = အဖွဲ့အစည်းအသစ်
admin-disable = ပိတ်ထားရန်
admin-enable = ပြန်ဖွင့်ရန်
admin-reset-password = စကားဝှက် ပြန်သတ်မှတ်ရန်
admin-username = အသုံးပြုသူအမည်
admin-display-name = ပြသမည့်အမည်
admin-role = အခန်းကဏ္ဍ
admin-organisation = အဖွဲ့အစည်း
admin-organisation-name = အဖွဲ့အစည်းအမည်
admin-org-type = အဖွဲ့အစည်း အမျိုးအစား
admin-status = အခြေအနေ
admin-active = အသုံးပြုနေသည်
admin-disabled = ပိတ်ထားသည်
admin-user-created = အသုံးပြုသူ { $username } ကို ဖန်တီးပြီးပါပြီ။
admin-confirm-disable = { $username } ကို ပိတ်ထားမည်လား။ ထိုသူသည် ထပ်မံ ဝင်ရောက်နိုင်တော့မည် မဟုတ်ပါ။

## Form errors

error-required-field = { $field } ကို ဖြည့်ရန် လိုအပ်ပါသည်။
error-invalid-date = မှန်ကန်သော ရက်စွဲ ထည့်ပါ။
error-date-in-future = ရက်စွဲသည် အနာဂတ်ရက် ဖြစ်၍ မရပါ။
error-date-order = စတင်ရက်သည် ပြီးဆုံးရက်ထက် နောက်ကျ၍ မရပါ။
error-too-long = ဤစာသား ရှည်လွန်းပါသည်။
error-invalid-choice = ပေးထားသော ရွေးချယ်စရာများထဲမှ ရွေးပါ။
error-csrf = ဤဖောင်၏ သက်တမ်း ကုန်သွားပါပြီ။ စာမျက်နှာကို ပြန်ဖွင့်ပြီး ထပ်ကြိုးစားပါ။

## Language

language-title = ဘာသာစကား
language-buddhist-era = ခုနှစ်များကို ထိုင်း ဗုဒ္ဓသက္ကရာဇ်ဖြင့် ပြရန်
language-buddhist-era-hint = ဥပမာ - ခရစ်နှစ် 2026 ကို 2569 ဟု ပြသမည်။
language-saved = ဘာသာစကား ဆက်တင်ကို သိမ်းဆည်းပြီးပါပြီ။

## E-mail and notification texts.
## They never carry names or case content: only a case reference, a date and a link.

notify-greeting = မင်္ဂလာပါ { $name }၊
notify-footer = ဤစာကို counternet မှ အလိုအလျောက် ပေးပို့ခြင်း ဖြစ်ပြီး အမှုအသေးစိတ် မပါဝင်ပါ။ အသေးစိတ်ကြည့်ရန် ဝင်ရောက်ပါ။ ဤစာကို မမျှော်လင့်ထားပါက သင်၏ စနစ်စီမံခန့်ခွဲသူထံ အကြောင်းကြားပါ။
notify-task-assigned-subject = အမှု { $reference } တွင် လုပ်ငန်းအသစ်
notify-task-assigned-body = အမှု { $reference } ရှိ လုပ်ငန်းတစ်ခုကို သင့်ထံ တာဝန်ပေးထားသည်။ ကြည့်ရှုရန် counternet သို့ ဝင်ရောက်ပါ။
notify-task-due-subject = အမှု { $reference } ရှိ လုပ်ငန်း ပြီးရမည့်ရက် နီးပြီ
notify-task-due-body = အမှု { $reference } ရှိ သင်၏ လုပ်ငန်းကို { $date } တွင် ပြီးရမည်။
notify-team-added-subject = သင့်ကို အမှု { $reference } သို့ ထည့်သွင်းလိုက်သည်
notify-team-added-body = သင့်ကို အမှု { $reference } ၏ အဖွဲ့တွင် ထည့်သွင်းလိုက်ပါသည်။ ကြည့်ရှုရန် counternet သို့ ဝင်ရောက်ပါ။
notify-referral-received-subject = { $organisation } မှ လွှဲပြောင်းမှုအသစ်
notify-referral-received-body = { $organisation } က သင်၏ အဖွဲ့အစည်းသို့ အမှုတစ်ခု လွှဲပြောင်းပေးပို့ထားသည်။ လက်ခံရန် သို့မဟုတ် ငြင်းပယ်ရန် counternet သို့ ဝင်ရောက်ပါ။
notify-account-created-subject = သင်၏ counternet အကောင့်
notify-account-created-body =
    သင့်အတွက် အသုံးပြုသူအမည် { $username } ဖြင့် အကောင့်တစ်ခု ဖန်တီးထားပါသည်။ ဤလင့်ခ်ဖြင့် စကားဝှက် သတ်မှတ်ပါ- { $link }
    ဤလင့်ခ်ကို တစ်ကြိမ်သာ အသုံးပြုနိုင်ပြီး { $hours } နာရီအတွင်း သက်တမ်းကုန်ဆုံးမည်။
notify-password-reset-subject = counternet စကားဝှက်အသစ် သတ်မှတ်ရန်
notify-password-reset-body =
    စနစ်စီမံခန့်ခွဲသူက စကားဝှက်အသစ် သတ်မှတ်ရန် လင့်ခ်တစ်ခု ဖန်တီးပေးထားသည်- { $link }
    ဤလင့်ခ်ကို တစ်ကြိမ်သာ အသုံးပြုနိုင်ပြီး { $hours } နာရီအတွင်း သက်တမ်းကုန်ဆုံးမည်။ ဤသို့ တောင်းဆိုခဲ့ခြင်း မရှိပါက သင်၏ စနစ်စီမံခန့်ခွဲသူထံ အကြောင်းကြားပါ။

# The role a party has in a case (column heading).
case-role = အမှုတွင် အခန်းကဏ္ဍ
case-add-event = လူကုန်ကူးမှု ဖြစ်ရပ်ကို မှတ်တမ်းတင်ရန်
event-recruitment-method = စည်းရုံးခေါ်ယူပုံ

## The one-time set-up page
setup-title = counternet ကို စတင်သတ်မှတ်ရန်
setup-intro = သင့်အဖွဲ့အစည်းအမည်ကို ထည့်ပြီး ပထမဆုံး စီမံခန့်ခွဲသူကို ဖန်တီးပါ။ ဤလင့်ခ်ကို တစ်ကြိမ်သာ အသုံးပြုနိုင်သည်။
setup-organisation = သင့်အဖွဲ့အစည်း၏ အမည်
setup-username = စီမံခန့်ခွဲသူ၏ အသုံးပြုသူအမည်
setup-password = စကားဝှက် (အနည်းဆုံး စာလုံး ၁၂ လုံး)
setup-password-again = စကားဝှက်ကို ထပ်မံရိုက်ထည့်ပါ
setup-submit = စီမံခန့်ခွဲသူကို ဖန်တီးရန်
setup-invalid-link = ဤသတ်မှတ်ရေးလင့်ခ်သည် အသုံးမဝင်တော့ပါ။ အသုံးပြုပြီးသား၊ သက်တမ်းကုန်ပြီး သို့မဟုတ် မှားယွင်းရိုက်ထားခြင်း ဖြစ်နိုင်သည်။ စီမံခန့်ခွဲသူ မရှိသေးစဉ် လင့်ခ်အသစ်ရရန် counternet ကို ပြန်လည်စတင်ပါ။
setup-passwords-differ = စကားဝှက်နှစ်ခု မတူညီပါ။
setup-error-password = စကားဝှက်သည် စာလုံး ၁၂ လုံးမှ ၁၀၂၄ လုံးအထိ ရှိရမည်။
setup-error-username = အခြားအသုံးပြုသူအမည်ကို ရွေးပါ- စာလုံး၊ ဂဏန်း၊ အစက်၊ တုံးတို သို့မဟုတ် အောက်မျဉ်း ၃ လုံးမှ ၆၄ လုံးအထိ ဖြစ်ပြီး အသုံးမပြုရသေးသော အမည်။
setup-error-organisation = သင့်အဖွဲ့အစည်း၏ အမည်ကို ထည့်ပါ (စာလုံး ၂၀၀ အထိ)။
setup-ready-title = counternet အသင့်ဖြစ်ပါပြီ
setup-ready = စီမံခန့်ခွဲသူ { $username } ကို ဖန်တီးပြီးပါပြီ။ ဝင်ရောက်ပြီး သင့်လုပ်ဖော်ကိုင်ဖက်များအတွက် အကောင့်များ ဖန်တီးပါ။
