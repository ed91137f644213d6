/**
 * Common Ukrainian given names with their Russian forms, diminutives and usual foreign renderings.
 * One line per name: canonical key (Ukrainian national transliteration of the Ukrainian form) | sex |
 * spellings. The first spelling is the Ukrainian form; Latin renderings of the Cyrillic spellings are
 * derived by the transliteration folding and need not be listed, only irregular ones (Alexander, Michael …).
 * A diminutive shared by two names (Валя, Женя) belongs to the more frequent one or is left out.
 */
export const GIVEN_NAME_LINES = `
oleksandr|m|Олександр Александр Саша Сашко Шура Олесь Alexander Alexandr Aleksander Alexandre Alex Sascha Aleksandar
oleksii|m|Олексій Алексей Алексий Альоша Алёша Льоша Лёша Alexei Alexey Aleksiej Alexej Alexis
serhii|m|Сергій Сергей Серьожа Серёжа Сергійко Serge Sergei Sergey Sergej Siergiej Sergiusz
yurii|m|Юрій Юрий Юра Юрко Yuriy Yury Jurij Juri Iouri Yuri
dmytro|m|Дмитро Дмитрий Дима Діма Митя Dmitri Dimitri Dmitrij Dymitr Dmitry
mykola|m|Микола Николай Коля Миколка Nicholas Nikolai Nikolaj Nikolay Mikołaj Nicolas
volodymyr|m|Володимир Владимир Вова Володя Wladimir Włodzimierz Waldemar Wolodymyr
andrii|m|Андрій Андрей Андрюша Andrew Andrzej Andrej Andrei Andrey Andreas André
ivan|m|Іван Иван Ваня Івась Iwan
petro|m|Петро Петр Пётр Петя Петрусь Peter Piotr Pyotr Pjotr Pierre
pavlo|m|Павло Павел Паша Павлик Paul Paweł Pavel
mykhailo|m|Михайло Михаил Миша Михась Michael Michał Michail Mikhail Mychajlo Michel
vasyl|m|Василь Василий Вася Basil Wasyl Wassili Vasiliy Vasily Wasilij
viktor|m|Віктор Виктор Витя Вітя Victor Wiktor
vitalii|m|Віталій Виталий Віталік Виталик Vitaly Vitaliy Witalij
yevhen|m|Євген Евгений Євгеній Женя Eugene Eugen Jewgienij Jewgeni Evgeny Evgeniy Yevgeny
anatolii|m|Анатолій Анатолий Толя Толік Anatol Anatoly Anatoliy
bohdan|m|Богдан Бодя Богданчик Bogdan
taras|m|Тарас Тарасик
roman|m|Роман Рома Ромко Romek
maksym|m|Максим Макс Maxim Maksim Maxime
artem|m|Артем Артём Тёма Тьома Артемий Артемій
denys|m|Денис Деня Dennis
ihor|m|Ігор Игорь Ігорко Igor
oleh|m|Олег Олежка Oleg
vadym|m|Вадим Вадік Вадик
valerii|m|Валерій Валерий Валера Valery Valeriy
valentyn|m|Валентин
vladyslav|m|Владислав Влад Vlad Władysław Wladislaw
viacheslav|m|В'ячеслав Вячеслав Слава Славік Vyacheslav Wiaczesław
yaroslav|m|Ярослав Ярик Jarosław
stanislav|m|Станіслав Станислав Стас Stanisław
rostyslav|m|Ростислав Ростик
sviatoslav|m|Святослав Свят
kostiantyn|m|Костянтин Константин Костя Constantine Konstantin Konstanty
hryhorii|m|Григорій Григорий Гриша Гриць Gregory Grzegorz
heorhii|m|Георгій Георгий Жора Гоша George Georg
stepan|m|Степан Стьопа Стёпа Stefan Stephen Steven
fedir|m|Федір Фёдор Федор Федя Theodore Fyodor Fiodor Fedor
yakiv|m|Яків Яков Яша Jacob Jakub Jakow
yosyp|m|Йосип Иосиф Осип Joseph Józef Josef
anton|m|Антон Антоша Anthony Antoni
leonid|m|Леонід Леонид Льоня
borys|m|Борис Боря
hennadii|m|Геннадій Геннадий Гена Gennady Gennadiy
ruslan|m|Руслан
eduard|m|Едуард Эдуард Edward
arsen|m|Арсен
arsenii|m|Арсеній Арсений
danylo|m|Данило Даниил Данила Данилко Daniel Daniil Danil
illia|m|Ілля Илья Ilya Ilja Elijah
kyrylo|m|Кирило Кирилл Кирюша Cyril Kirill
mykyta|m|Микита Никита Nikita
nazar|m|Назар Назарій
pylyp|m|Пилип Филипп Philip Filip Phillip
semen|m|Семен Семён Сеня Szymon
tymofii|m|Тимофій Тимофей Тимоха Timothy Tymoteusz
tymur|m|Тимур
vsevolod|m|Всеволод Сева
zakhar|m|Захар
matvii|m|Матвій Матвей Matthew Mateusz
marko|m|Марко Марк Mark Marek
nestor|m|Нестор
orest|m|Орест
ostap|m|Остап
lev|m|Лев Левко Лёва
herman|m|Герман
arkadii|m|Аркадій Аркадий Аркаша
hlib|m|Гліб Глеб Gleb
demian|m|Дем'ян Демьян
omelian|m|Омелян Емельян
yuliian|m|Юліан Юлиан Julian
rodion|m|Родіон Родион Радіон
trokhym|m|Трохим Трофим
kuzma|m|Кузьма
yehor|m|Єгор Егор Egor Jegor
platon|m|Платон
emil|m|Еміль Эмиль Emil
oleksandra|f|Олександра Александра Alexandra Aleksandra
olena|f|Олена Елена Лена Оленка Helen Helena Jelena Yelena Elena Hélène
nataliia|f|Наталія Наталья Наталия Наташа Natalie Natalia Natalya Natalja
iryna|f|Ірина Ирина Іра Ира Irene Irina
olha|f|Ольга Оля Olga Olha
tetiana|f|Тетяна Татьяна Таня Tatiana Tatjana Tatyana
yuliia|f|Юлія Юлия Юля Julia Julija Yulia
mariia|f|Марія Мария Маша Марійка Mary Maria Marija Marie
anna|f|Анна Ганна Аня Ann Anne Hanna
kateryna|f|Катерина Екатерина Катя Catherine Katarzyna Katharina Yekaterina Ekaterina
oksana|f|Оксана Ксана
svitlana|f|Світлана Светлана Света Світла Sveta Swietłana
liudmyla|f|Людмила Люда Ludmila Lyudmila
halyna|f|Галина Галя Halina Galina
valentyna|f|Валентина Валя
viktoriia|f|Вікторія Виктория Віка Вика Victoria Wiktoria
alina|f|Аліна Алина
anastasiia|f|Анастасія Анастасия Настя Anastasia
dariia|f|Дарія Дарья Дар'я Даша Daria Darja
sofiia|f|Софія София Соня Sophia Sofia Zofia Sophie
khrystyna|f|Христина Кристина Christina Krystyna Kristina
liliia|f|Лілія Лилия Lilia
larysa|f|Лариса Larissa
nadiia|f|Надія Надежда Надя Nadia Nadzieja Nadezhda
liubov|f|Любов Любовь Люба
vira|f|Віра Вера Vera Wiera
inna|f|Інна Инна
yevheniia|f|Євгенія Евгения Eugenia
mariana|f|Мар'яна Марьяна Marianna
ivanna|f|Іванна
alla|f|Алла
diana|f|Діана Диана
kseniia|f|Ксенія Ксения Ксюша Xenia Ksenia
marharyta|f|Маргарита Рита Margarita
polina|f|Поліна Полина
veronika|f|Вероніка Вероника
yana|f|Яна
zhanna|f|Жанна
lesia|f|Леся
raisa|f|Раїса Раиса
nina|f|Ніна Нина
tamara|f|Тамара
lidiia|f|Лідія Лидия Lidia
antonina|f|Антоніна Антонина Тоня
uliana|f|Уляна Ульяна
`;
