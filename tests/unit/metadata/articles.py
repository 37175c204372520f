"""Short articles written for these tests, one per language (no external texts)."""

from __future__ import annotations

ENGLISH_TITLE = "Harbor City Approves Tidal Energy Project"
ENGLISH = (
    "Harbor City council approved a tidal energy project on Tuesday after months of debate "
    "over its cost and its effect on local fishing. The project will place twelve underwater "
    "turbines at the mouth of the Grey River, where tides run strongest.",
    "Mayor Elena Brooks said the turbines would supply power to about 40,000 homes once the "
    "first phase is finished in 2027. She called the vote a turning point for the city, which "
    "has relied on an ageing gas plant for most of its electricity.",
    "Fishing groups had warned that the turbines could disturb salmon runs in the Grey River. "
    "The council added a condition that the operator, Northline Marine, must monitor salmon "
    "numbers every season and pause the turbines if the runs decline.",
    "Northline Marine chief executive David Okafor said the company welcomed the conditions. "
    "He said tidal energy was more predictable than wind or solar power because the tides "
    "follow a fixed schedule.",
    "The tidal energy project is expected to cost 310 million dollars. Harbor City will cover "
    "a fifth of the cost, and the rest will come from Northline Marine and a national clean "
    "energy fund. Critics on the council argued that the city's share should have been spent "
    "on repairing roads and schools instead.",
    "Construction of the first turbines is due to begin next spring, the mayor said.",
)

SPANISH = (
    "El ayuntamiento de la ciudad aprobó el martes un proyecto de energía mareomotriz después "
    "de meses de debate sobre su coste y su efecto en la pesca local. El proyecto instalará "
    "doce turbinas bajo el agua en la desembocadura del río, donde las mareas son más fuertes. "
    "La alcaldesa dijo que las turbinas darán electricidad a unos cuarenta mil hogares."
)
FRENCH = (
    "Le conseil municipal a approuvé mardi un projet d'énergie marémotrice après des mois de "
    "débat sur son coût et ses effets sur la pêche locale. Le projet installera douze turbines "
    "sous l'eau à l'embouchure du fleuve, là où les marées sont les plus fortes. La maire a "
    "déclaré que les turbines fourniraient de l'électricité à quarante mille foyers."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag nach monatelanger Debatte über die Kosten und die Folgen für "
    "die Fischerei ein Gezeitenkraftwerk genehmigt. Das Projekt wird zwölf Turbinen unter "
    "Wasser an der Mündung des Flusses aufstellen, wo die Gezeiten am stärksten sind. Die "
    "Bürgermeisterin sagte, die Turbinen würden etwa vierzigtausend Haushalte mit Strom versorgen."
)
ITALIAN = (
    "Il consiglio comunale ha approvato martedì un progetto di energia delle maree dopo mesi di "
    "dibattito sui costi e sugli effetti per la pesca locale. Il progetto installerà dodici "
    "turbine sott'acqua alla foce del fiume, dove le maree sono più forti. La sindaca ha detto "
    "che le turbine forniranno elettricità a circa quarantamila famiglie."
)
PORTUGUESE = (
    "A câmara municipal aprovou na terça-feira um projeto de energia das marés depois de meses "
    "de debate sobre o custo e os efeitos na pesca local. O projeto vai instalar doze turbinas "
    "debaixo de água na foz do rio, onde as marés são mais fortes. A prefeita disse que as "
    "turbinas vão fornecer eletricidade a cerca de quarenta mil casas."
)
DUTCH = (
    "De gemeenteraad heeft dinsdag na maanden van discussie over de kosten en de gevolgen voor "
    "de visserij een getijdencentrale goedgekeurd. Het project plaatst twaalf turbines onder "
    "water bij de monding van de rivier, waar het getij het sterkst is. De burgemeester zei dat "
    "de turbines ongeveer veertigduizend huishoudens van stroom zullen voorzien."
)
CHINESE = (
    "市议会周二批准了一个潮汐能项目。该项目将在河口安装十二台水下涡轮机，那里的潮汐最强。"
    "市长说，潮汐能项目建成后将为大约四万户家庭供电。"
)
JAPANESE = (
    "市議会は火曜日、潮力発電プロジェクトを承認した。このプロジェクトでは、潮の流れが最も強い"
    "河口に十二基のタービンを設置する。市長によると、潮力発電は約四万世帯に電力を供給する。"
)
KOREAN = (
    "시의회는 화요일 조력 발전 사업을 승인했다. 이 사업은 조류가 가장 강한 강 하구에 수중 "
    "터빈 열두 기를 설치한다. 시장은 조력 발전이 약 사만 가구에 전기를 공급할 것이라고 말했다."
)
RUSSIAN = (
    "Городской совет во вторник одобрил проект приливной электростанции. Двенадцать турбин "
    "установят в устье реки, где приливы сильнее всего. По словам мэра, станция обеспечит "
    "электричеством около сорока тысяч домов."
)
ARABIC = (
    "وافق مجلس المدينة يوم الثلاثاء على مشروع لطاقة المد والجزر. وسيتم تركيب اثني عشر توربينا "
    "تحت الماء عند مصب النهر حيث يكون المد أقوى. وقال رئيس البلدية إن المشروع سيزود نحو أربعين "
    "ألف منزل بالكهرباء."
)
HINDI = (
    "नगर परिषद ने मंगलवार को ज्वारीय ऊर्जा परियोजना को मंजूरी दी। नदी के मुहाने पर बारह "
    "टर्बाइन लगाए जाएंगे, जहां ज्वार सबसे तेज होता है। महापौर ने कहा कि इससे लगभग चालीस "
    "हजार घरों को बिजली मिलेगी।"
)
GREEK = (
    "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη ένα έργο παλιρροιακής ενέργειας. Δώδεκα "
    "τουρμπίνες θα τοποθετηθούν στις εκβολές του ποταμού, όπου η παλίρροια είναι πιο ισχυρή. "
    "Ο δήμαρχος είπε ότι το έργο θα τροφοδοτεί περίπου σαράντα χιλιάδες σπίτια."
)
HEBREW = (
    "מועצת העיר אישרה ביום שלישי פרויקט של אנרגיית גאות ושפל. שתים עשרה טורבינות יותקנו "
    "בשפך הנהר, שם הגאות חזקה ביותר. ראש העיר אמר כי הפרויקט יספק חשמל לכארבעים אלף בתים."
)
