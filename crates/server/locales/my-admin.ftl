# admin pages (my)
nav-account = ကျွန်ုပ်၏ အကောင့်
