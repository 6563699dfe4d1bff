# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = အခြားအမှုများနှင့် ဆက်စပ်မှုများ
connections-home-title = သင့်အမှုများကြား ဆက်စပ်မှုအသစ်များ
connections-intro = မှတ်တမ်းအသစ်၊ ဆက်သွယ်မှု၊ ဖုန်းခေါ်ဆိုမှု သို့မဟုတ် မှတ်တမ်းပေါင်းစည်းမှုက အမှုနှစ်ခုကို ချိတ်ဆက်သောအခါ တွေ့ရှိခဲ့သည်။ လမ်းကြောင်းသည် သင်မြင်ခွင့်ရှိသလောက် ၎င်းတို့ကို ချိတ်ဆက်ထားသည့်အရာကို ပြသည်။
connections-cause-record = မှတ်တမ်းအသစ်
connections-cause-merge = မှတ်တမ်းပေါင်းစည်းမှု
connections-path = မှတဆင့်
connections-open-network = ကွန်ရက်တွင် ပြရန်
party-kind-case = အမှု

# Network analysis (issue 6): /network/analysis.
analysis-title = ကွန်ရက် ခွဲခြမ်းစိတ်ဖြာမှု
analysis-intro = သင်မြင်ခွင့်ရှိသော အမှုများတစ်လျှောက် ကွန်ရက်- ချိတ်ဆက်ထားသော ကွန်ရက်များ၊ အဓိကချိတ်ဆက်သူများနှင့် အုပ်စုများ။ မည်သည့်မှတ်တမ်း၏ ကွန်ရက်ကိုမဆို ဤနေရာမှ ဖွင့်နိုင်သည်။
analysis-networks = ချိတ်ဆက်ထားသော ကွန်ရက်များ
analysis-records = မှတ်တမ်းများ
analysis-links = ဆက်သွယ်မှုများ
analysis-network-count = ချိတ်ဆက်ထားသော ကွန်ရက်များ
analysis-size = မှတ်တမ်းများ
analysis-best-linked = အများဆုံး ချိတ်ဆက်ထားသူများ
analysis-players = အဓိကပုဂ္ဂိုလ်များ
analysis-by = တိုင်းတာချက်
analysis-by-degree = ဆက်သွယ်မှု အရေအတွက်
analysis-by-pagerank = ချိတ်ဆက်မှုအလိုက် အရေးပါမှု (PageRank)
analysis-by-betweenness = ကြားခံအဆင့်
analysis-show = ပြရန်
analysis-none = မရှိသေးပါ။
analysis-record = မှတ်တမ်း
analysis-kind = အမျိုးအစား
analysis-hub = အချက်အချာ
analysis-communities = အုပ်စုများ
analysis-communities-intro = ကျန်အပိုင်းများထက် အချင်းချင်း ပိုချိတ်ဆက်ထားသော အုပ်စုများ (Louvain)။
analysis-modularity = အုပ်စုဖွဲ့မှုတန်ဖိုး (modularity)
analysis-community-count = အုပ်စုများ
nav-network = ကွန်ရက်
