# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = အခြားအမှုများနှင့် ဆက်စပ်မှုများ
connections-home-title = သင့်အမှုများကြား ဆက်စပ်မှုအသစ်များ
connections-intro = မှတ်တမ်းအသစ်၊ ဆက်သွယ်မှု၊ ဖုန်းခေါ်ဆိုမှု သို့မဟုတ် မှတ်တမ်းပေါင်းစည်းမှုက အမှုနှစ်ခုကို ချိတ်ဆက်သောအခါ တွေ့ရှိခဲ့သည်။ လမ်းကြောင်းသည် သင်မြင်ခွင့်ရှိသလောက် ၎င်းတို့ကို ချိတ်ဆက်ထားသည့်အရာကို ပြသည်။
connections-cause-record = မှတ်တမ်းအသစ်
connections-cause-merge = မှတ်တမ်းပေါင်းစည်းမှု
connections-path = မှတဆင့်
connections-open-network = ကွန်ရက်တွင် ပြရန်
party-kind-case = အမှု
