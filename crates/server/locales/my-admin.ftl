# admin pages (my)
nav-account = ကျွန်ုပ်၏ အကောင့်

## Administration: users and organisations

admin-you = (သင်)
admin-password = စကားဝှက်
admin-new-password = စကားဝှက်အသစ်
admin-password-repeat = စကားဝှက်ကို ထပ်ရိုက်ပါ
admin-password-hint = အနည်းဆုံး စာလုံး { $min } လုံး။
admin-create-user = အသုံးပြုသူ ဖန်တီးရန်
admin-register-organisation = အဖွဲ့အစည်း မှတ်ပုံတင်ရန်
admin-partner-role-hint = မိတ်ဖက်အဖွဲ့၏ အသုံးပြုသူများသည် မိတ်ဖက်အဖွဲ့ ဆက်သွယ်ရေး တာဝန်ခံများသာ ဖြစ်နိုင်သည်။
admin-partner = မိတ်ဖက်အဖွဲ့
admin-own-organisation = ကျွန်ုပ်တို့၏ အဖွဲ့အစည်း
admin-country = နိုင်ငံ (THA၊ LAO သို့မဟုတ် MMR ကဲ့သို့ စာလုံးသုံးလုံး ကုဒ်)
admin-country-short = နိုင်ငံ
admin-user-disabled = { $username } ကို ပိတ်ထားပြီးပါပြီ။ ၎င်း၏ ဝင်ရောက်မှုများ အားလုံး ပြီးဆုံးသွားပါပြီ။
admin-user-enabled = { $username } သည် ထပ်မံ ဝင်ရောက်နိုင်ပါပြီ။
admin-password-was-reset = { $username } အတွက် စကားဝှက်အသစ် သတ်မှတ်ပြီးပါပြီ။ ၎င်း၏ ဝင်ရောက်မှုများ အားလုံး ပြီးဆုံးသွားပါပြီ။
admin-org-created = { $name } ကို မှတ်ပုံတင်ပြီးပါပြီ။
admin-error-too-short = { $field } - အနည်းဆုံး စာလုံး { $min } လုံး သုံးပါ။
admin-error-too-long = { $field } - စာသား ရှည်လွန်းသည်။
admin-error-invalid = { $field } - ဤတန်ဖိုး မမှန်ကန်ပါ။
admin-error-username = { $field } - အင်္ဂလိပ်စာလုံး၊ ဂဏန်း၊ အစက်၊ တုံးတို သို့မဟုတ် အောက်မျဉ်း 3 လုံးမှ 64 လုံးအထိ သုံးပါ။
admin-error-username-taken = { $field } - ဤအသုံးပြုသူအမည်ကို အသုံးပြုပြီး ဖြစ်သည်။
admin-error-partner-role = { $field } - မိတ်ဖက်အဖွဲ့၏ အသုံးပြုသူများသည် မိတ်ဖက်အဖွဲ့ ဆက်သွယ်ရေး တာဝန်ခံများသာ ဖြစ်နိုင်သည်။
admin-error-country = { $field } - THA၊ LAO သို့မဟုတ် MMR ကဲ့သို့ စာလုံးသုံးလုံး နိုင်ငံကုဒ် ထည့်ပါ။
admin-error-choice = { $field } - ပေးထားသော ရွေးချယ်စရာများထဲမှ ရွေးပါ။
admin-error-password-mismatch = { $field } - စကားဝှက် နှစ်ခု မတူညီပါ။
admin-error-wrong-password = { $field } - ဤသည်မှာ သင်၏ လက်ရှိ စကားဝှက် မဟုတ်ပါ။
admin-error-disable-self = သင်၏ ကိုယ်ပိုင်အကောင့်ကို ပိတ်၍ မရပါ။
admin-error-last-member = အမှုတစ်ခုတွင် အဖွဲ့ဝင် အနည်းဆုံး တစ်ဦး ရှိရမည်။ နောက်ဆုံးအဖွဲ့ဝင်ကို မဖယ်ရှားမီ လုပ်ဖော်ကိုင်ဖက်တစ်ဦးကို ထည့်ပါ။

## A case's team

team-title = အမှု { $reference } ၏ အဖွဲ့
team-members = အဖွဲ့ဝင်များ
team-member = အဖွဲ့ဝင်
team-added-on = ထည့်သွင်းသည့်ရက်
team-add = အဖွဲ့ထဲသို့ ထည့်ရန်
team-colleague = လုပ်ဖော်ကိုင်ဖက်
team-no-candidates = အမှုများကို ကိုင်တွယ်သော လုပ်ဖော်ကိုင်ဖက်အားလုံး ဤအဖွဲ့တွင် ရှိပြီးဖြစ်သည်။
team-remove = ဖယ်ရှားရန်
team-remove-member = { $username } ကို အဖွဲ့မှ ဖယ်ရှားရန်
team-added = လုပ်ဖော်ကိုင်ဖက်ကို အဖွဲ့ထဲသို့ ထည့်ပြီးပါပြီ။
team-removed = လုပ်ဖော်ကိုင်ဖက်ကို အဖွဲ့မှ ဖယ်ရှားပြီးပါပြီ။
team-back-to-case = အမှုသို့ ပြန်သွားရန်

## My account

account-title = ကျွန်ုပ်၏ အကောင့်
account-display = ပြသပုံ
account-change-password = စကားဝှက် ပြောင်းရန်
account-current-password = လက်ရှိ စကားဝှက်
account-new-password = စကားဝှက်အသစ်
account-new-password-repeat = စကားဝှက်အသစ်ကို ထပ်ရိုက်ပါ
account-password-hint = အနည်းဆုံး စာလုံး { $min } လုံး။ စကားဝှက် ပြောင်းလျှင် နေရာတိုင်းမှ ထွက်သွားမည်။
account-password-changed = စကားဝှက် ပြောင်းပြီးပါပြီ၊ နေရာတိုင်းမှ ထွက်ပြီးပါပြီ။ စကားဝှက်အသစ်ဖြင့် ဝင်ရောက်ပါ။
admin-change-role = အခန်းကဏ္ဍ
admin-role-changed = { $username } တွင် အခန်းကဏ္ဍအသစ် ရှိပါပြီ။ ၎င်း၏ ဝင်ရောက်မှုများ အားလုံး ပြီးဆုံးသွားပါပြီ။
admin-error-role-self = သင့်ကိုယ်ပိုင် အခန်းကဏ္ဍကို မပြောင်းနိုင်ပါ။
