# reveal pages (my)
# ကျူးလွန်ခံရသူ၏ ကိုယ်ရေးအချက်အလက်ကို ရည်ရွယ်ချက်ရှိရှိ ဖော်ပြခြင်းနှင့် အမှု၏ စစ်ဆေးရေး မှတ်တမ်း။
# ဤစာသားများတွင် ကျူးလွန်ခံရသူ၏ အမည် သို့မဟုတ် အမှုအကြောင်းအရာ မည်သည့်အရာကိုမျှ မထည့်ပါနှင့်။

## Reveal

reveal-title = ကာကွယ်ထားသော ကိုယ်ရေးအချက်အလက်ကို ဖော်ပြရန်
reveal-back-to-case = အမှုသို့ ပြန်သွားရန်
reveal-person = ပုဂ္ဂိုလ်
reveal-age-band = အသက်အပိုင်းအခြား
reveal-roles = ဤအမှုတွင် အခန်းကဏ္ဍ
reveal-reason-optional-hint = အကြောင်းပြချက် ပေးနိုင်သည် (မဖြစ်မနေ မလိုပါ)။ ဖော်ပြမှုတိုင်းကို သင့်အမည်နှင့်အတူ စစ်ဆေးရေး မှတ်တမ်းတွင် မှတ်တမ်းတင်ထားမည်။
reveal-shown-title = ဖော်ပြထားသော ကိုယ်ရေးအချက်အလက်
reveal-reason-given = ပေးထားသော အကြောင်းပြချက်
reveal-not-protected = ဤမှတ်တမ်းကို ကာကွယ်ထားခြင်း မရှိသဖြင့် ဖုံးကွယ်ထားသည့်အရာ မရှိ၊ မှတ်တမ်းတင်ခြင်းလည်း မရှိပါ။
reveal-not-sticky = ဤကိုယ်ရေးအချက်အလက်ကို ဤစာမျက်နှာတွင်သာ ပြသသည်။ အခြားနေရာများတွင် ဆက်လက် ဖုံးကွယ်ထားမည်ဖြစ်ပြီး ထပ်မံကြည့်ရှုလိုပါက ထပ်မံ ဖော်ပြရမည်။
reveal-attributes = အခြား အသေးစိတ်များ
reveal-name = အမည်
reveal-given-name = ပထမအမည်
reveal-family-name = မျိုးရိုးအမည်
reveal-date-of-birth = မွေးသက္ကရာဇ်
reveal-gender = ကျား/မ
reveal-nationality = နိုင်ငံသား
reveal-id-number = မှတ်ပုံတင်အမှတ်
reveal-identifier = ခွဲခြားသတ်မှတ်ချက်
reveal-attr-notes = မှတ်ချက်များ
reveal-attr-locality = ဒေသ
reveal-attr-postcode = စာတိုက်သင်္ကေတ
reveal-attr-country = နိုင်ငံ
reveal-attr-make = တံဆိပ်
reveal-attr-model = မော်ဒယ်
reveal-attr-colour = အရောင်
reveal-attr-bank = ဘဏ်
reveal-attr-platform = ပလက်ဖောင်း

## Case history

history-intro = ဤအမှုတွင် မည်သူက မည်သည့်အရာ ပြုလုပ်ခဲ့သည်ကို နောက်ဆုံးအရင် ပြသသည်။ ဤအမှုရှိ ပုဂ္ဂိုလ်များကို ဖော်ပြခဲ့မှုများလည်း ပါဝင်သည်။
history-limited = နောက်ဆုံး { $count } ခုကိုသာ ပြသထားသည်။
history-when = အချိန်
history-who = ဆောင်ရွက်သူ
history-what = ဆောင်ရွက်ချက်
history-outcome = ရလဒ်
history-time = { $date }၊ { $time } (UTC)
history-system = စနစ်
history-a-person = ပုဂ္ဂိုလ်တစ်ဦး
history-outcome-ok = ပြီးမြောက်သည်
history-outcome-denied = ငြင်းပယ်ခံရသည်
history-outcome-failed = မအောင်မြင်ပါ

## What an audit entry records

audit-action-case-create = အမှုကို ဖွင့်ခဲ့သည်
audit-action-case-update = အမှုကို ပြင်ဆင်ခဲ့သည်
audit-action-case-team_add = အဖွဲ့ဝင် ထည့်ခဲ့သည်
audit-action-case-team_remove = အဖွဲ့ဝင်ကို ဖယ်ရှားခဲ့သည်
audit-action-case-event_add = လူကုန်ကူးမှု ဖြစ်ရပ်ကို မှတ်တမ်းတင်ခဲ့သည်
audit-action-case-note_add = မှတ်စု ထည့်ခဲ့သည်
audit-action-case-task_add = လုပ်ငန်း ထည့်ခဲ့သည်
audit-action-case-task_update = လုပ်ငန်းကို ပြင်ဆင်ခဲ့သည်
audit-action-case-party_add = အမှုတွင် ပုဂ္ဂိုလ် ထည့်ခဲ့သည်
audit-action-party-create = ပုဂ္ဂိုလ်ကို မှတ်တမ်းတင်ခဲ့သည်
audit-action-party-reveal = ကာကွယ်ထားသော ကိုယ်ရေးအချက်အလက်ကို ဖော်ပြခဲ့သည်
audit-action-link-create = ဆက်သွယ်ချက်ကို မှတ်တမ်းတင်ခဲ့သည်
audit-action-access-refused = ဝင်ရောက်ခွင့် မရှိသော မှတ်တမ်းကို ဖွင့်ရန် ကြိုးစားခဲ့သည်
audit-action-access-forbidden = မိမိ၏ အခန်းကဏ္ဍက ခွင့်မပြုသော လုပ်ဆောင်ချက်ကို ကြိုးစားခဲ့သည်
audit-action-other = အခြား လုပ်ဆောင်ချက် ({ $code })
