"""The words the feeds and pages add around the programme's own text: one table for
each of the six UN languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ChangeWords:
    """How a change to the programme is told, in one language.

    `{block}` is a block's name (`part`, `day`, `start`, `end`), `{when}` a day
    and times, `{item}` an agenda item's label, `{before}` and `{after}` names
    of blocks joined by `block_sep`.
    """

    parts: tuple[str, str, str]  # a block starting in the morning, afternoon, evening
    block: str  # `{part}`, `{day}`, `{start}`, `{end}`
    when: str  # `{day}`, `{start}`, `{end}`
    block_sep: str
    published: str
    status: str  # `{status}`
    details: str
    added: str
    cancelled: str
    restored: str
    moved: str  # `{block}`, `{when}`
    retimed: str  # moved within its day: `{block}`, `{start}`, `{end}`
    changed: str
    item_moved: str  # `{item}`, `{before}`, `{after}`
    item_added: str  # `{item}`, `{after}`
    item_dropped: str  # `{item}`, `{before}`
    version: str  # `{version}`
    last_changed: str  # `{when}`
    at: str  # a moment in UTC: `{day}`, `{time}`
    changes: str  # the heading of the list of changes
    changed_mark: str  # beside a session changed since the programme was first published
    left_day: str  # why a day's calendar shows a session cancelled: it moved to another day
    left_item: str  # why an item's calendar shows it cancelled: `{item}` is no longer taken up


@dataclass(frozen=True)
class Words:
    """Every word the feeds and pages add around the programme's own text, in one language."""

    name: str  # the language's own name
    continued: str  # appended to a title taken up again
    minutes: str  # a duration, `{n}` minutes
    note: str  # in front of a note under the programme
    item: str  # one agenda item: `{items}`
    items: str  # several agenda items: `{items}`
    list_sep: str
    summary: str  # an event's title: `{meeting}` and `{what}`
    with_items: str  # a titled block that takes up items: `{title}`, `{items}`
    unofficial: str  # under a translation: `{source}` is the source language's name here
    source_names: dict[str, str]  # the six languages named in this one
    whole_meeting: str
    cancelled: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday first
    day_format: str  # `{weekday}`, `{day}`, `{month}`, `{year}`
    statuses: dict[str, str]
    postponed: str  # in front of the title of an event of a postponed meeting
    change: ChangeWords

    # The web pages.
    meetings: str
    languages: str
    choose_language: str
    subscribe: str
    google: str
    outlook: str
    office365: str
    download: str
    copy: str
    copied: str
    qr: str
    feed_address: str
    by_day: str
    agenda: str
    add_session: str
    your_time: str
    times_in: str  # `{zone}`
    updates: str
    embed: str
    embed_help: str
    notes: str
    documents: str
    not_found: str
    back: str
    needs_base_url: str
    changes_feed: str  # the link to the Atom feed of the changes
    no_changes: str  # in place of the list of changes while there is none


WORDS: dict[str, Words] = {
    "zh": Words(
        name="中文",
        continued="(续)",
        minutes="({n} 分钟)",
        note="注：",
        item="项目 {items}",
        items="项目 {items}",
        list_sep="、",
        summary="{meeting}：{what}",
        with_items="{title}（{items}）",
        unofficial="非官方译文；原文为{source}。",
        source_names={
            "ar": "阿拉伯文",
            "en": "英文",
            "es": "西班牙文",
            "fr": "法文",
            "ru": "俄文",
            "zh": "中文",
        },
        whole_meeting="全部会议",
        cancelled="已取消",
        months=tuple(f"{n} 月" for n in range(1, 13)),
        weekdays=("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
        day_format="{year} 年 {month} {day} 日，{weekday}",
        statuses={
            "provisional": "暂定",
            "adopted": "已通过",
            "postponed": "已推迟",
            "cancelled": "已取消",
        },
        postponed="已推迟",
        change=ChangeWords(
            parts=("上午会议", "下午会议", "晚间会议"),
            block="{day}{part}（{start}–{end}）",
            when="{day}，{start}–{end}",
            block_sep="；",
            published="工作方案发布",
            status="会议状态：{status}",
            details="会议信息已更新",
            added="新增：{block}",
            cancelled="取消：{block}",
            restored="恢复举行：{block}",
            moved="{block}改至{when}",
            retimed="{block}改至{start}–{end}",
            changed="{block}的工作方案有更改",
            item_moved="{item}由{before}改至{after}",
            item_added="{item}增列于{after}",
            item_dropped="{item}不再列于{before}",
            version="版本：{version}",
            last_changed="最后更改：{when}",
            at="{day} {time}（UTC）",
            changes="更改记录",
            changed_mark="有更改",
            left_day="已改至其他日期",
            left_item="不再审议{item}",
        ),
        meetings="会议",
        languages="语言",
        choose_language="选择语言",
        subscribe="订阅",
        google="Google 日历",
        outlook="Outlook.com",
        office365="Microsoft 365",
        download="下载 .ics",
        copy="复制链接",
        copied="已复制",
        qr="二维码",
        feed_address="日历地址",
        by_day="按日排列的工作方案",
        agenda="议程项目",
        add_session="添加此场会议",
        your_time="您的时间",
        times_in="时间为会议当地时间（{zone}）。",
        updates="日历应用按各自的周期检查已订阅的日历：Apple 日历和 Thunderbird 约每小时一次，"
        "Outlook 每几个小时一次，Google 日历仅每 12 至 24 小时一次。下载的 .ics 文件不会更新。",
        embed="嵌入本工作方案",
        embed_help="将以下代码复制到您网站的网页中：",
        notes="注",
        documents="文件",
        not_found="未找到",
        back="返回工作方案",
        needs_base_url="网站以其地址发布后（feeds build --base-url）将显示订阅按钮。",
        changes_feed="在阅读器中订阅更改（Atom 格式）",
        no_changes="尚无更改记录。",
    ),
    "en": Words(
        name="English",
        continued=" (continued)",
        minutes=" ({n} minutes)",
        note="Note: ",
        item="Item {items}",
        items="Items {items}",
        list_sep=", ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="Unofficial translation; the original is in {source}.",
        source_names={
            "ar": "Arabic",
            "en": "English",
            "es": "Spanish",
            "fr": "French",
            "ru": "Russian",
            "zh": "Chinese",
        },
        whole_meeting="Whole meeting",
        cancelled="Cancelled",
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        day_format="{weekday}, {day} {month} {year}",
        statuses={
            "provisional": "Provisional",
            "adopted": "Adopted",
            "postponed": "Postponed",
            "cancelled": "Cancelled",
        },
        postponed="Postponed",
        change=ChangeWords(
            parts=("morning meeting", "afternoon meeting", "evening meeting"),
            block="{part} of {day} ({start}–{end})",
            when="{day}, {start}–{end}",
            block_sep="; ",
            published="Programme published",
            status="Status of the meeting: {status}",
            details="Details of the meeting updated",
            added="Added: {block}",
            cancelled="Cancelled: {block}",
            restored="Takes place again: {block}",
            moved="{block} moved to {when}",
            retimed="{block} moved to {start}–{end}",
            changed="Programme of the {block} changed",
            item_moved="{item} moved from the {before} to the {after}",
            item_added="{item} now also taken up at the {after}",
            item_dropped="{item} no longer taken up at the {before}",
            version="Version: {version}",
            last_changed="Last changed: {when}",
            at="{day}, {time} UTC",
            changes="Changes",
            changed_mark="Changed",
            left_day="Moved to another day",
            left_item="No longer takes up {item}",
        ),
        meetings="Meetings",
        languages="Languages",
        choose_language="Choose a language",
        subscribe="Subscribe",
        google="Google Calendar",
        outlook="Outlook.com",
        office365="Microsoft 365",
        download="Download .ics",
        copy="Copy link",
        copied="Copied",
        qr="QR code",
        feed_address="Feed address",
        by_day="Programme by day",
        agenda="Agenda items",
        add_session="Add this session",
        your_time="Your time",
        times_in="Times are local to the meeting ({zone}).",
        updates="Calendar apps check a subscribed feed on their own schedule: Apple Calendar "
        "and Thunderbird about every hour, Outlook every few hours, Google Calendar only every "
        "12 to 24 hours. A downloaded .ics file does not update.",
        embed="Embed this programme",
        embed_help="Copy this code into a page of your website:",
        notes="Notes",
        documents="Documents",
        not_found="Not found",
        back="Back to the programme",
        needs_base_url="Subscription buttons appear when the site is published with its "
        "address (feeds build --base-url).",
        changes_feed="Follow the changes in a feed reader (Atom)",
        no_changes="No changes recorded yet.",
    ),
    "fr": Words(
        name="Français",
        continued=" (suite)",
        minutes=" ({n} minutes)",
        note="Note : ",
        item="Point {items}",
        items="Points {items}",
        list_sep=", ",
        summary="{meeting} : {what}",
        with_items="{title} ({items})",
        unofficial="Traduction non officielle ; l'original est en {source}.",
        source_names={
            "ar": "arabe",
            "en": "anglais",
            "es": "espagnol",
            "fr": "français",
            "ru": "russe",
            "zh": "chinois",
        },
        whole_meeting="Toute la réunion",
        cancelled="Annulée",
        months=(
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        day_format="{weekday} {day} {month} {year}",
        statuses={
            "provisional": "Provisoire",
            "adopted": "Adopté",
            "postponed": "Reportée",
            "cancelled": "Annulée",
        },
        postponed="Reportée",
        change=ChangeWords(
            parts=("séance du matin", "séance de l'après-midi", "séance du soir"),
            block="{part} du {day} ({start}–{end})",
            when="{day}, {start}–{end}",
            block_sep=" ; ",
            published="Programme publié",
            status="Statut de la réunion : {status}",
            details="Informations sur la réunion mises à jour",
            added="Ajoutée : {block}",
            cancelled="Annulée : {block}",
            restored="Rétablie : {block}",
            moved="{block} déplacée au {when}",
            retimed="{block} : nouvel horaire, {start}–{end}",
            changed="Programme modifié : {block}",
            item_moved="{item} : déplacé de la {before} à la {after}",
            item_added="{item} : examiné aussi à la {after}",
            item_dropped="{item} : n'est plus examiné à la {before}",
            version="Version : {version}",
            last_changed="Dernière modification : {when}",
            at="{day}, {time} UTC",
            changes="Modifications",
            changed_mark="Modifiée",
            left_day="Déplacée à un autre jour",
            left_item="{item} n'y est plus examiné",
        ),
        meetings="Réunions",
        languages="Langues",
        choose_language="Choisir une langue",
        subscribe="S'abonner",
        google="Google Agenda",
        outlook="Outlook.com",
        office365="Microsoft 365",
        download="Télécharger .ics",
        copy="Copier le lien",
        copied="Copié",
        qr="Code QR",
        feed_address="Adresse du calendrier",
        by_day="Programme jour par jour",
        agenda="Points de l'ordre du jour",
        add_session="Ajouter cette séance",
        your_time="Votre heure",
        times_in="Les heures sont celles du lieu de la réunion ({zone}).",
        updates="Les applications d'agenda consultent un calendrier abonné à leur propre rythme : "
        "Apple Calendrier et Thunderbird environ toutes les heures, Outlook toutes les quelques "
        "heures, Google Agenda seulement toutes les 12 à 24 heures. Un fichier .ics téléchargé "
        "n'est pas mis à jour.",
        embed="Intégrer ce programme",
        embed_help="Copiez ce code dans une page de votre site :",
        notes="Notes",
        documents="Documents",
        not_found="Introuvable",
        back="Retour au programme",
        needs_base_url="Les boutons d'abonnement apparaissent quand le site est publié avec son "
        "adresse (feeds build --base-url).",
        changes_feed="Suivre les modifications dans un lecteur de flux (Atom)",
        no_changes="Aucune modification enregistrée pour l'instant.",
    ),
    "es": Words(
        name="Español",
        continued=" (continuación)",
        minutes=" ({n} minutos)",
        note="Nota: ",
        item="Tema {items}",
        items="Temas {items}",
        list_sep=", ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="Traducción no oficial; el original está en {source}.",
        source_names={
            "ar": "árabe",
            "en": "inglés",
            "es": "español",
            "fr": "francés",
            "ru": "ruso",
            "zh": "chino",
        },
        whole_meeting="Toda la reunión",
        cancelled="Cancelada",
        months=(
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        day_format="{weekday}, {day} de {month} de {year}",
        statuses={
            "provisional": "Provisional",
            "adopted": "Aprobado",
            "postponed": "Aplazada",
            "cancelled": "Cancelada",
        },
        postponed="Aplazada",
        change=ChangeWords(
            parts=("sesión de la mañana", "sesión de la tarde", "sesión de la noche"),
            block="{part} del {day} ({start}–{end})",
            when="{day}, {start}–{end}",
            block_sep="; ",
            published="Programa publicado",
            status="Estado de la reunión: {status}",
            details="Información de la reunión actualizada",
            added="Añadida: {block}",
            cancelled="Cancelada: {block}",
            restored="Se celebra de nuevo: {block}",
            moved="{block} trasladada al {when}",
            retimed="{block}: nuevo horario, {start}–{end}",
            changed="Programa modificado: {block}",
            item_moved="{item}: trasladado de la {before} a la {after}",
            item_added="{item}: se examina también en la {after}",
            item_dropped="{item}: ya no se examina en la {before}",
            version="Versión: {version}",
            last_changed="Última modificación: {when}",
            at="{day}, {time} UTC",
            changes="Cambios",
            changed_mark="Modificada",
            left_day="Trasladada a otro día",
            left_item="Ya no se examina el {item}",
        ),
        meetings="Reuniones",
        languages="Idiomas",
        choose_language="Elija un idioma",
        subscribe="Suscribirse",
        google="Google Calendar",
        outlook="Outlook.com",
        office365="Microsoft 365",
        download="Descargar .ics",
        copy="Copiar enlace",
        copied="Copiado",
        qr="Código QR",
        feed_address="Dirección del calendario",
        by_day="Programa por día",
        agenda="Temas del programa",
        add_session="Añadir esta sesión",
        your_time="Su hora",
        times_in="Las horas son las del lugar de la reunión ({zone}).",
        updates="Las aplicaciones de calendario consultan un calendario suscrito según su propio "
        "ritmo: Apple Calendar y Thunderbird cada hora aproximadamente, Outlook cada pocas horas "
        "y Google Calendar solo cada 12 a 24 horas. Un archivo .ics descargado no se actualiza.",
        embed="Insertar este programa",
        embed_help="Copie este código en una página de su sitio web:",
        notes="Notas",
        documents="Documentos",
        not_found="No encontrado",
        back="Volver al programa",
        needs_base_url="Los botones de suscripción aparecen cuando el sitio se publica con su "
        "dirección (feeds build --base-url).",
        changes_feed="Seguir los cambios en un lector de noticias (Atom)",
        no_changes="Todavía no se ha registrado ningún cambio.",
    ),
    "ru": Words(
        name="Русский",
        continued=" (продолжение)",
        minutes=" ({n} мин.)",
        note="Примечание: ",
        item="Пункт {items}",
        items="Пункты {items}",
        list_sep=", ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="Неофициальный перевод; оригинал на {source} языке.",
        source_names={
            "ar": "арабском",
            "en": "английском",
            "es": "испанском",
            "fr": "французском",
            "ru": "русском",
            "zh": "китайском",
        },
        whole_meeting="Вся сессия",
        cancelled="Отменено",
        months=(
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        weekdays=(
            "понедельник",
            "вторник",
            "среда",
            "четверг",
            "пятница",
            "суббота",
            "воскресенье",
        ),
        day_format="{weekday}, {day} {month} {year} г.",
        statuses={
            "provisional": "Предварительная",
            "adopted": "Утверждённая",
            "postponed": "Перенесена",
            "cancelled": "Отменена",
        },
        postponed="Перенесено",
        change=ChangeWords(
            parts=("утреннее заседание", "дневное заседание", "вечернее заседание"),
            block="{part}, {day} ({start}–{end})",
            when="{day}, {start}–{end}",
            block_sep="; ",
            published="Программа опубликована",
            status="Статус сессии: {status}",
            details="Сведения о сессии обновлены",
            added="Добавлено: {block}",
            cancelled="Отменено: {block}",
            restored="Снова проводится: {block}",
            moved="{block} — перенесено: {when}",
            retimed="{block} — перенесено: {start}–{end}",
            changed="Программа изменена: {block}",
            item_moved="{item}: перенесён ({before} → {after})",
            item_added="{item}: рассматривается также ({after})",
            item_dropped="{item}: больше не рассматривается ({before})",
            version="Версия: {version}",
            last_changed="Последнее изменение: {when}",
            at="{day}, {time} UTC",
            changes="Изменения",
            changed_mark="Изменено",
            left_day="Перенесено на другой день",
            left_item="{item} больше не рассматривается",
        ),
        meetings="Заседания",
        languages="Языки",
        choose_language="Выберите язык",
        subscribe="Подписаться",
        google="Google Календарь",
        outlook="Outlook.com",
        office365="Microsoft 365",
        download="Скачать .ics",
        copy="Копировать ссылку",
        copied="Скопировано",
        qr="QR-код",
        feed_address="Адрес календаря",
        by_day="Программа по дням",
        agenda="Пункты повестки дня",
        add_session="Добавить это заседание",
        your_time="Ваше время",
        times_in="Время указано по месту проведения ({zone}).",
        updates="Календари проверяют подписку по своему расписанию: Apple Календарь и "
        "Thunderbird примерно раз в час, Outlook раз в несколько часов, Google Календарь лишь "
        "раз в 12–24 часа. Скачанный файл .ics не обновляется.",
        embed="Встроить программу",
        embed_help="Скопируйте этот код на страницу своего сайта:",
        notes="Примечания",
        documents="Документы",
        not_found="Не найдено",
        back="Вернуться к программе",
        needs_base_url="Кнопки подписки появятся, когда сайт будет опубликован со своим "
        "адресом (feeds build --base-url).",
        changes_feed="Следить за изменениями в программе чтения лент (Atom)",
        no_changes="Изменений пока не зарегистрировано.",
    ),
    "ar": Words(
        name="العربية",
        continued=" (تابع)",
        minutes=" ({n} دقيقة)",
        note="ملاحظة: ",
        item="البند {items}",
        items="البنود {items}",
        list_sep="، ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="ترجمة غير رسمية؛ الأصل باللغة {source}.",
        source_names={
            "ar": "العربية",
            "en": "الإنكليزية",
            "es": "الإسبانية",
            "fr": "الفرنسية",
            "ru": "الروسية",
            "zh": "الصينية",
        },
        whole_meeting="الاجتماع كاملا",
        cancelled="ملغاة",
        months=(
            "كانون الثاني/يناير",
            "شباط/فبراير",
            "آذار/مارس",
            "نيسان/أبريل",
            "أيار/مايو",
            "حزيران/يونيه",
            "تموز/يوليه",
            "آب/أغسطس",
            "أيلول/سبتمبر",
            "تشرين الأول/أكتوبر",
            "تشرين الثاني/نوفمبر",
            "كانون الأول/ديسمبر",
        ),
        weekdays=("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
        day_format="{weekday}، {day} {month} {year}",
        statuses={
            "provisional": "مؤقت",
            "adopted": "معتمد",
            "postponed": "مؤجل",
            "cancelled": "ملغى",
        },
        postponed="مؤجلة",
        change=ChangeWords(
            parts=("الجلسة الصباحية", "جلسة بعد الظهر", "الجلسة المسائية"),
            block="{part}، {day} ({start}–{end})",
            when="{day}، {start}–{end}",
            block_sep="؛ ",
            published="نُشر البرنامج",
            status="حالة الاجتماع: {status}",
            details="حُدّثت معلومات الاجتماع",
            added="أُضيفت: {block}",
            cancelled="أُلغيت: {block}",
            restored="تُعقد من جديد: {block}",
            moved="نُقلت {block} إلى {when}",
            retimed="نُقلت {block} إلى {start}–{end}",
            changed="عُدّل برنامج {block}",
            item_moved="{item}: نُقل من {before} إلى {after}",
            item_added="{item}: يُنظر فيه أيضا في {after}",
            item_dropped="{item}: لم يعد يُنظر فيه في {before}",
            version="الإصدار: {version}",
            last_changed="آخر تغيير: {when}",
            at="{day}، {time} بالتوقيت العالمي المنسق",
            changes="التغييرات",
            changed_mark="معدّلة",
            left_day="نُقلت إلى يوم آخر",
            left_item="لم يعد يُنظر في {item}",
        ),
        meetings="الاجتماعات",
        languages="اللغات",
        choose_language="اختر لغة",
        subscribe="اشتراك",
        google="تقويم Google",
        outlook="Outlook.com",
        office365="Microsoft 365",
        # A left-to-right mark keeps ".ics" whole in right-to-left text (not "ics.").
        download="تنزيل ملف \u200e.ics",
        copy="نسخ الرابط",
        copied="تم النسخ",
        qr="رمز QR",
        feed_address="عنوان التقويم",
        by_day="البرنامج حسب اليوم",
        agenda="بنود جدول الأعمال",
        add_session="أضف هذه الجلسة",
        your_time="توقيتك",
        times_in="الأوقات بالتوقيت المحلي لمكان الاجتماع ({zone}).",
        updates="تتحقق تطبيقات التقويم من التقويم المشترك فيه وفق جدولها الخاص: تقويم Apple "
        "وThunderbird كل ساعة تقريبا، وOutlook كل بضع ساعات، وتقويم Google كل 12 إلى 24 ساعة "
        "فقط. ولا يُحدَّث ملف \u200e.ics الذي تم تنزيله.",
        embed="تضمين هذا البرنامج",
        embed_help="انسخ هذه الشفرة في صفحة من موقعك:",
        notes="ملاحظات",
        documents="الوثائق",
        not_found="غير موجود",
        back="العودة إلى البرنامج",
        needs_base_url="تظهر أزرار الاشتراك عند نشر الموقع بعنوانه (feeds build --base-url).",
        changes_feed="تابع التغييرات في قارئ الخلاصات (Atom)",
        no_changes="لم يُسجَّل أي تغيير بعد.",
    ),
}


def words(lang: str) -> Words:
    return WORDS[lang]


def day_label(lang: str, day: date) -> str:
    """A date as the programme heads a day: `Monday, 28 March 2022`."""
    w = WORDS[lang]
    return w.day_format.format(
        weekday=w.weekdays[day.weekday()],
        day=day.day,
        month=w.months[day.month - 1],
        year=day.year,
    )


def items_label(lang: str, labels: list[str]) -> str:
    """`Item 6`, `Items 3, 5(d)`."""
    w = WORDS[lang]
    template = w.item if len(labels) == 1 else w.items
    return template.format(items=w.list_sep.join(labels))


def unofficial_note(lang: str, source: str) -> str:
    w = WORDS[lang]
    return w.unofficial.format(source=w.source_names[source])


#: Languages written right to left.
RTL = frozenset({"ar"})


@dataclass(frozen=True)
class PageWords:
    """What the meeting page says as a reader chooses what to follow, adds a session,
    reads the times, or asks for a language the programme lacks, in one language."""

    on_this_page: str  # the label of the links to the page's sections
    follow: str  # the heading of the subscribe panel
    follow_help: str
    what: str  # the label of the choice of what to follow
    one_day: str
    some_items: str
    day: str  # the label of the list of days
    pick_items: str  # while no item is ticked
    chosen: str  # what the actions are for: `{feed}`
    android: str  # why a phone with Android gets other actions first
    every_feed: str  # over the list of every day's and item's calendar (no script)
    follow_item: str  # a link to the panel with an item chosen: `{item}`
    follow_day: str  # a link to the panel with a day chosen
    tap_hint: str
    one_off: str  # a session's menu of a copy that does not update
    one_off_note: str
    reader_time: str  # `{zone}`, `{time}`
    next_day: str  # the mark of an end on the day after the start
    meeting_time: str  # `{time}` (with the zone's abbreviation), `{city}`
    embed_fit: str
    now: str  # a session under way, in the embedded programme
    next: str  # the next session, in the embedded programme
    earlier: str  # the heading of the sessions over, in the embedded programme
    no_language: str  # `{language}`, named in this language
    no_language_unnamed: str  # for a language that is not one of the six
    offered_in: str


PAGE_WORDS: dict[str, PageWords] = {
    "zh": PageWords(
        on_this_page="本页内容",
        follow="订阅到您的日历",
        follow_help="选择要关注的内容。已订阅的日历会在工作方案更改时自动更新。",
        what="订阅内容",
        one_day="某一天",
        some_items="一个或多个议程项目",
        day="日期",
        pick_items="请勾选一个或多个议程项目。",
        chosen="日历：{feed}",
        android="在 Android 设备上，日历链接（webcal）无法打开日历：请使用 Google 日历，"
        "或将地址复制到您的日历应用中。",
        every_feed="每一天和每个议程项目都有各自的日历：",
        follow_item="订阅{item}",
        follow_day="订阅这一天",
        tap_hint="点按工作方案中的项目编号即可订阅该项目。",
        one_off="添加一次性副本",
        one_off_note="此副本不会更新：如果这场会议有变动，您的日历仍显示原来的时间。"
        "如需随时更新，请在上方订阅。",
        reader_time="您的时间（{zone}）：{time}",
        next_day="次日",
        meeting_time="{time}（{city}）",
        embed_fit="脚本会使框架的高度与工作方案一致。",
        now="正在进行",
        next="下一场",
        earlier="此前的会议",
        no_language="本工作方案没有{language}版本。",
        no_language_unnamed="本工作方案没有此网址所指语言的版本。",
        offered_in="本工作方案有以下语言版本：",
    ),
    "en": PageWords(
        on_this_page="On this page",
        follow="Subscribe in your calendar",
        follow_help="Choose what to follow. A calendar you subscribe to updates itself when "
        "the programme changes.",
        what="Follow",
        one_day="One day",
        some_items="One or more agenda items",
        day="Day",
        pick_items="Tick one or more agenda items.",
        chosen="Calendar: {feed}",
        android="On Android, calendar links (webcal) open no calendar: use Google Calendar, "
        "or copy the address into your calendar app.",
        every_feed="Each day and each agenda item has a calendar of its own:",
        follow_item="Subscribe: {item}",
        follow_day="Subscribe to this day",
        tap_hint="Tap an item's number in the programme to subscribe to that item.",
        one_off="Add a one-off copy",
        one_off_note="A copy that will not update: if this session changes, your calendar "
        "keeps the old time. Subscribe above to stay up to date.",
        reader_time="Your time ({zone}): {time}",
        next_day="next day",
        meeting_time="{time}, {city}",
        embed_fit="The script makes the frame as tall as the programme.",
        now="Now",
        next="Next",
        earlier="Earlier sessions",
        no_language="This programme is not published in {language}.",
        no_language_unnamed="This programme is not published in the language of this address.",
        offered_in="It is published in:",
    ),
    "fr": PageWords(
        on_this_page="Sur cette page",
        follow="S'abonner dans votre agenda",
        follow_help="Choisissez ce que vous voulez suivre. Un calendrier auquel vous êtes "
        "abonné se met à jour lorsque le programme change.",
        what="Suivre",
        one_day="Un jour",
        some_items="Un ou plusieurs points de l'ordre du jour",
        day="Jour",
        pick_items="Cochez un ou plusieurs points de l'ordre du jour.",
        chosen="Calendrier : {feed}",
        android="Sur Android, les liens d'agenda (webcal) n'ouvrent aucun agenda : utilisez "
        "Google Agenda, ou copiez l'adresse dans votre application d'agenda.",
        every_feed="Chaque jour et chaque point de l'ordre du jour a son propre calendrier :",
        follow_item="S'abonner : {item}",
        follow_day="S'abonner à ce jour",
        tap_hint="Touchez le numéro d'un point dans le programme pour vous abonner à ce point.",
        one_off="Ajouter une copie ponctuelle",
        one_off_note="Une copie qui ne sera pas mise à jour : si cette séance change, votre "
        "agenda garde l'ancien horaire. Abonnez-vous ci-dessus pour rester à jour.",
        reader_time="Votre heure ({zone}) : {time}",
        next_day="le lendemain",
        meeting_time="{time}, {city}",
        embed_fit="Le script donne au cadre la hauteur du programme.",
        now="En cours",
        next="Prochaine",
        earlier="Séances passées",
        no_language="Ce programme n'est pas publié en {language}.",
        no_language_unnamed="Ce programme n'est pas publié dans la langue de cette adresse.",
        offered_in="Il est publié en :",
    ),
    "es": PageWords(
        on_this_page="En esta página",
        follow="Suscribirse en su calendario",
        follow_help="Elija lo que desea seguir. Un calendario suscrito se actualiza cuando "
        "cambia el programa.",
        what="Seguir",
        one_day="Un día",
        some_items="Uno o varios temas del programa",
        day="Día",
        pick_items="Marque uno o varios temas del programa.",
        chosen="Calendario: {feed}",
        android="En Android, los enlaces de calendario (webcal) no abren ningún calendario: "
        "use Google Calendar o copie la dirección en su aplicación de calendario.",
        every_feed="Cada día y cada tema del programa tiene su propio calendario:",
        follow_item="Suscribirse: {item}",
        follow_day="Suscribirse a este día",
        tap_hint="Toque el número de un tema en el programa para suscribirse a ese tema.",
        one_off="Añadir una copia única",
        one_off_note="Una copia que no se actualizará: si esta sesión cambia, su calendario "
        "conservará el horario anterior. Suscríbase arriba para estar al día.",
        reader_time="Su hora ({zone}): {time}",
        next_day="al día siguiente",
        meeting_time="{time}, {city}",
        embed_fit="El script ajusta la altura del marco a la del programa.",
        now="En curso",
        next="Próxima",
        earlier="Sesiones anteriores",
        no_language="Este programa no se publica en {language}.",
        no_language_unnamed="Este programa no se publica en el idioma de esta dirección.",
        offered_in="Se publica en:",
    ),
    "ru": PageWords(
        on_this_page="На этой странице",
        follow="Подписаться в календаре",
        follow_help="Выберите, за чем следить. Календарь по подписке обновляется, когда "
        "программа меняется.",
        what="Следить",
        one_day="Один день",
        some_items="Один или несколько пунктов повестки дня",
        day="День",
        pick_items="Отметьте один или несколько пунктов повестки дня.",
        chosen="Календарь: {feed}",
        android="На Android ссылки календаря (webcal) не открывают календарь: воспользуйтесь "
        "Google Календарём или скопируйте адрес в своё приложение календаря.",
        every_feed="У каждого дня и каждого пункта повестки дня есть свой календарь:",
        follow_item="Подписаться: {item}",
        follow_day="Подписаться на этот день",
        tap_hint="Нажмите на номер пункта в программе, чтобы подписаться на этот пункт.",
        one_off="Добавить разовую копию",
        one_off_note="Копия не будет обновляться: если заседание изменится, в вашем календаре "
        "останется прежнее время. Чтобы получать изменения, подпишитесь выше.",
        reader_time="Ваше время ({zone}): {time}",
        next_day="на следующий день",
        meeting_time="{time}, {city}",
        embed_fit="Скрипт подгоняет высоту рамки под программу.",
        now="Идёт сейчас",
        next="Следующее",
        earlier="Прошедшие заседания",
        no_language="Эта программа не опубликована на {language} языке.",
        no_language_unnamed="Эта программа не опубликована на языке, указанном в адресе.",
        offered_in="Она опубликована на языках:",
    ),
    "ar": PageWords(
        on_this_page="في هذه الصفحة",
        follow="الاشتراك في تقويمك",
        follow_help="اختر ما تريد متابعته. يُحدَّث التقويم المشترك فيه تلقائيا عند تغيير البرنامج.",
        what="المتابعة",
        one_day="يوم واحد",
        some_items="بند واحد أو أكثر من بنود جدول الأعمال",
        day="اليوم",
        pick_items="اختر بندا واحدا أو أكثر من بنود جدول الأعمال.",
        chosen="التقويم: {feed}",
        android="على أجهزة Android، لا تفتح روابط التقويم (webcal) أي تقويم: استخدم تقويم "
        "Google، أو انسخ العنوان إلى تطبيق التقويم لديك.",
        every_feed="لكل يوم ولكل بند من بنود جدول الأعمال تقويمه الخاص:",
        follow_item="الاشتراك: {item}",
        follow_day="الاشتراك في هذا اليوم",
        tap_hint="المس رقم البند في البرنامج للاشتراك في ذلك البند.",
        one_off="إضافة نسخة لمرة واحدة",
        one_off_note="نسخة لن تُحدَّث: إذا تغيرت هذه الجلسة، يحتفظ تقويمك بالموعد القديم. "
        "اشترك أعلاه لتبقى على اطلاع.",
        reader_time="توقيتك ({zone}): {time}",
        next_day="اليوم التالي",
        meeting_time="{time}، {city}",
        embed_fit="يجعل البرنامج النصي ارتفاع الإطار مساويا لارتفاع البرنامج.",
        now="جارية الآن",
        next="التالية",
        earlier="الجلسات السابقة",
        no_language="هذا البرنامج غير منشور باللغة {language}.",
        no_language_unnamed="هذا البرنامج غير منشور باللغة التي يشير إليها هذا العنوان.",
        offered_in="وهو منشور باللغات التالية:",
    ),
}


def page_words(lang: str) -> PageWords:
    return PAGE_WORDS[lang]


#: The six languages, in the order the UN lists them (by their names in English).
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


@dataclass(frozen=True)
class FrontWords:
    """What the front page says around the meetings' own titles, in one language."""

    intro: str
    only_in: str  # beside a title shown in another language: `{language}`, named in this one
    series_feeds: str  # before the links to a series' calendar in each language
    read_in: str  # before the links to a meeting's page in each of its languages


FRONT_WORDS: dict[str, FrontWords] = {
    "zh": FrontWords(
        intro="各会议按日排列的工作方案，以及可订阅的日历：工作方案更改时，日历会自动更新。",
        only_in="仅有{language}版本",
        series_feeds="本系列所有会议，合为一个日历：",
        read_in="工作方案语言版本：",
    ),
    "en": FrontWords(
        intro="The programme of each meeting, day by day, with calendars to subscribe to: "
        "they update themselves when the programme changes.",
        only_in="Only in {language}",
        series_feeds="Every session of the series in one calendar:",
        read_in="Programme in:",
    ),
    "fr": FrontWords(
        intro="Le programme de chaque réunion, jour par jour, avec des calendriers auxquels "
        "s'abonner : ils se mettent à jour quand le programme change.",
        only_in="Uniquement en {language}",
        series_feeds="Toutes les séances de la série dans un seul calendrier :",
        read_in="Programme en :",
    ),
    "es": FrontWords(
        intro="El programa de cada reunión, día por día, con calendarios a los que "
        "suscribirse: se actualizan solos cuando cambia el programa.",
        only_in="Solo en {language}",
        series_feeds="Todas las sesiones de la serie en un solo calendario:",
        read_in="Programa en:",
    ),
    "ru": FrontWords(
        intro="Программа каждого заседания по дням и календари для подписки: они обновляются "
        "сами, когда программа меняется.",
        only_in="Только на {language} языке",
        series_feeds="Все заседания серии в одном календаре:",
        read_in="Программа на языках:",
    ),
    "ar": FrontWords(
        intro="برنامج كل اجتماع حسب اليوم، مع تقاويم يمكن الاشتراك فيها: تُحدَّث تلقائيا عند "
        "تغيير البرنامج.",
        only_in="باللغة {language} فقط",
        series_feeds="جميع جلسات السلسلة في تقويم واحد:",
        read_in="البرنامج باللغات:",
    ),
}


def front_words(lang: str) -> FrontWords:
    return FRONT_WORDS[lang]
