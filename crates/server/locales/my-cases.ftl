# Case forms (my): a new case, adding people (search before create), notes and tasks.

back-to-case = အမှုသို့ ပြန်သွားရန်
error-invalid-value = ဤတန်ဖိုး မမှန်ကန်ပါ။
error-invalid-country = THA၊ LAO သို့မဟုတ် MMR ကဲ့သို့ စာလုံးသုံးလုံးပါ နိုင်ငံကုဒ်ကို ထည့်ပါ။
person-search-label = အမည်၊ ဖုန်းနံပါတ် သို့မဟုတ် မှတ်ပုံတင်အမှတ်
person-search-too-short = ရှာဖွေရန် အနည်းဆုံး စာလုံးနှစ်လုံး ရိုက်ထည့်ပါ။
person-search-first = ဦးစွာ ရှာဖွေပါ။ ပုဂ္ဂိုလ်အသစ် မှတ်တမ်းတင်ရန် ဖောင်သည် ရှာဖွေပြီးမှ ပေါ်လာပါမည်။
person-name = အမည်
person-in-this-case = ဤအမှုတွင် ရှိပြီးသား
person-role = ဤအမှုတွင် အခန်းကဏ္ဍ
person-choose-role = အခန်းကဏ္ဍ ရွေးပါ
person-add-to-case = ဤအမှုသို့ ထည့်ရန်
person-already-in-case = ဤပုဂ္ဂိုလ်သည် ဤအမှုတွင် ဤအခန်းကဏ္ဍ ရှိပြီးသား ဖြစ်ပါသည်။
person-names-hint = ကိုယ်ပိုင်အမည်၊ မျိုးရိုးအမည် သို့မဟုတ် နှစ်ခုလုံးကို ထည့်ပါ။ မျိုးရိုးအမည် မရှိသော အမည်များ (ဥပမာ မြန်မာအမည်များ) အတွက် အမည်အပြည့်အစုံကို ထည့်ပါ။
person-name-required = ကိုယ်ပိုင်အမည်၊ မျိုးရိုးအမည် သို့မဟုတ် အမည်အပြည့်အစုံ ထည့်ပါ။
person-given-name = ကိုယ်ပိုင်အမည်
person-family-name = မျိုးရိုးအမည်
person-full-name = အမည်အပြည့်အစုံ
person-date-of-birth = မွေးသက္ကရာဇ်
person-gender = လိင်
person-nationality = နိုင်ငံသား
person-nationality-hint = စာလုံးသုံးလုံးပါ နိုင်ငံကုဒ်၊ ဥပမာ THA (ထိုင်း)၊ LAO (လာအို) သို့မဟုတ် MMR (မြန်မာ)။
person-id-number = မှတ်ပုံတင်အမှတ် သို့မဟုတ် နိုင်ငံကူးလက်မှတ်အမှတ်
person-victim-hint = ကျူးလွန်ခံရသူ၏ ကိုယ်ရေးအချက်အလက်ကို အစကတည်းက ဖုံးကွယ်ထားပြီး အမှုစာမျက်နှာတွင် အမည်အတိုကောက်နှင့် အသက်အပိုင်းအခြားကိုသာ ပြသပါမည်။
person-create-submit = ဖန်တီးပြီး အမှုသို့ ထည့်ရန်

## Editing a case, the timeline, tasks
edit-case = အမှုကို ပြင်ဆင်ရန်
edit-case-title = အမှုကို ပြင်ဆင်ရန်
edit-case-history-hint = ပြောင်းလဲမှုတိုင်းကို အမှု၏ မှတ်တမ်းတွင် ယခင်အခြေအနေနှင့် အမျိုးအစားခွဲခြားမှုနှင့်အတူ သိမ်းထားပါသည်။
task-reopen = ပြန်ဖွင့်ရန်
event-undated = ရက်စွဲ မသိပါ
event-apps = အသုံးပြုခဲ့သော အက်ပ်များ
cases-filter-member-me = ကျွန်ုပ်၏ အမှုများ

## HTCDS methods of control
field-control-methods = ထိန်းချုပ်သည့် နည်းလမ်းများ
control-physical_threats = ကိုယ်ထိလက်ရောက် ခြိမ်းခြောက်ခြင်း
control-threats_of_law_enforcement = ဖမ်းဆီးမည် သို့မဟုတ် ပြန်ပို့မည်ဟု ခြိမ်းခြောက်ခြင်း
control-threats_to_children_or_family = ကလေးများ သို့မဟုတ် မိသားစုကို ခြိမ်းခြောက်ခြင်း
control-debt_bondage = အကြွေးနှောင်ကြိုး
control-false_promises = မမှန်သော ကတိများ
control-physical_abuse = ကိုယ်ထိလက်ရောက် ညှဉ်းပန်းခြင်း
control-sexual_abuse = လိင်ပိုင်းဆိုင်ရာ ညှဉ်းပန်းခြင်း
control-takes_earnings = ဝင်ငွေကို သိမ်းယူခြင်း
control-restricts_financial_access = ငွေကြေးရယူခွင့်ကို ကန့်သတ်ခြင်း
control-restricts_medical_care = ဆေးကုသမှုကို ကန့်သတ်ခြင်း
control-withholds_necessities = အစားအစာ၊ ရေ သို့မဟုတ် အိပ်စက်ခွင့် မပေးခြင်း
control-psychological_abuse = စိတ်ပိုင်းဆိုင်ရာ ညှဉ်းပန်းခြင်း
control-psychoactive_substances = မူးယစ်ဆေး သို့မဟုတ် အရက်
control-excessive_working_hours = အချိန်ပိုလွန်ကဲစွာ အလုပ်ခိုင်းခြင်း
control-withholds_documents = မှတ်ပုံတင်စာရွက်စာတမ်းများ သိမ်းဆည်းထားခြင်း
control-other = အခြား
event-apps-hint = ကော်မာဖြင့် ခွဲပါ၊ ဥပမာ LINE, Facebook
event-notes = ဘာဖြစ်ခဲ့သလဲ
