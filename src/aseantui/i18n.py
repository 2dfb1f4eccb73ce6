"""Interface text in English and Indonesian.

Messages are written in English in the code and looked up here by that
English text (as gettext does); `tr(text, "id")` gives the Indonesian, and
any text without a translation is shown in English rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterable

CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "Ikhtisar"),
    "location": ("Location", "Lokasi"),
    "history": ("History", "Sejarah"),
    "leadership": ("Leadership", "Kepemimpinan"),
    "functions": ("Functions", "Fungsi"),
    "structure": ("Structure", "Struktur"),
    "community": ("ASEAN Community", "Komunitas ASEAN"),
    "relations": ("External relations", "Hubungan eksternal"),
    "economy": ("Economy", "Ekonomi"),
    "society": ("Society and culture", "Sosial budaya"),
    "budget": ("Budget and staff", "Anggaran dan staf"),
    "challenges": ("Challenges", "Tantangan"),
    "indonesia": ("Indonesia", "Indonesia"),
    "comparison": ("Comparisons", "Perbandingan"),
    "organisation": ("ASEAN", "ASEAN"),
    "timeline": ("Timeline", "Linimasa"),
    "glossary": ("Glossary", "Glosarium"),
    "sources": ("Sources", "Sumber"),
    "faq": ("Questions", "Tanya jawab"),
    "general": ("General", "Umum"),
}

INDONESIAN: dict[str, str] = {
    # the answer card and the infobox
    "Answer": "Jawaban",
    "as of {date}": "per {date}",
    "Enter: open the entry": "Enter: buka entrinya",
    "Key facts": "Fakta utama",
    "Enter: open the source": "Enter: buka sumbernya",
    # footer and help: actions
    "Help": "Bantuan",
    "Quit": "Keluar",
    "unknown theme '{theme}' in the configuration":
        "tema '{theme}' dalam konfigurasi tidak dikenal",
    "Language": "Bahasa",
    "Back": "Kembali",
    "Forward": "Maju",
    "Search": "Cari",
    "Open": "Buka",
    "Find": "Temukan",
    "Next match": "Hasil berikut",
    "Previous match": "Hasil sebelumnya",
    "Contents": "Daftar isi",
    "Sources": "Sumber",
    "Bookmark": "Markah",
    "Bookmarks": "Markah",
    "History": "Riwayat",
    "Browse": "Jelajah",
    "Timeline": "Linimasa",
    "Random": "Acak",
    "Filter": "Saring",
    "Did you mean": "Mungkin maksud Anda",
    "Accept suggestion": "Pakai saran",
    "Next link": "Tautan berikut",
    "Previous link": "Tautan sebelumnya",
    "Follow link": "Ikuti tautan",
    "Copy link": "Salin tautan",
    "Close": "Tutup",
    "Remove": "Hapus",
    "Commands": "Perintah",
    "palette": "palet",
    "Results": "Hasil",
    "Search box": "Kotak pencarian",
    "Clear": "Bersihkan",
    # home
    "Search the ASEAN Secretariat encyclopedia": "Cari di ensiklopedia Sekretariat ASEAN",
    "Type to search in English or Indonesian, e.g. 'sekjen' or 'where is the secretariat'":
        "Ketik untuk mencari dalam bahasa Indonesia atau Inggris, mis. 'sekjen' atau "
        "'lokasi sekretariat'",
    "Core sections": "Bagian utama",
    "Topics": "Topik",
    "Search {title}": "Cari di {title}",
    "{n} entries. Type to search, or pick a topic below":
        "{n} entri. Ketik untuk mencari, atau pilih topik di bawah",
    "More topics": "Topik lain",
    "Recently read": "Terakhir dibaca",
    "Nothing read yet": "Belum ada yang dibaca",
    "Random entry": "Entri acak",
    "Browse by category": "Jelajahi per kategori",
    # status
    "Preparing the search index…": "Menyiapkan indeks pencarian…",
    "Reading the articles: {done} of {total}…": "Membaca artikel: {done} dari {total}…",
    "Building the search index: {done} of {total} entries…":
        "Membangun indeks pencarian: {done} dari {total} entri…",
    "Building the search index for the first time…":
        "Membangun indeks pencarian untuk pertama kali…",
    "{n} result": "{n} hasil",
    "{n} results": "{n} hasil",
    "No results for “{query}”": "Tidak ada hasil untuk “{query}”",
    "Did you mean “{suggestion}”? ({key} to accept)":
        "Mungkin maksud Anda “{suggestion}”? ({key} untuk memakai)",
    "category: {category}": "kategori: {category}",
    "all categories": "semua kategori",
    "in Indonesian": "dalam bahasa Indonesia",
    "in English": "dalam bahasa Inggris",
    "Interface language: English": "Bahasa antarmuka: Inggris",
    "Interface language: Indonesian": "Bahasa antarmuka: Indonesia",
    # reader
    "Link {n}/{total}: {target}": "Tautan {n}/{total}: {target}",
    "Source {n}/{total}: {target}": "Sumber {n}/{total}: {target}",
    "Next source": "Sumber berikut",
    "Previous source": "Sumber sebelumnya",
    "cycle through the cited sources": "berpindah antarsumber yang dikutip",
    "No links in this entry": "Entri ini tidak memiliki tautan",
    "External link (not opened): {url} — press c to copy":
        "Tautan luar (tidak dibuka): {url} — tekan c untuk menyalin",
    "Copied to the clipboard: {text}": "Disalin ke papan klip: {text}",
    "This link is not allowed: {url}": "Tautan ini tidak diizinkan: {url}",
    "No entry at {target}": "Tidak ada entri di {target}",
    "Bookmarked “{title}”": "“{title}” ditandai",
    "Bookmark removed: “{title}”": "Markah dihapus: “{title}”",
    "{n}/{total} matches for “{text}”": "{n}/{total} kecocokan untuk “{text}”",
    "No matches for “{text}”": "Tidak ada kecocokan untuk “{text}”",
    "Find in page": "Temukan di halaman",
    "Related entries": "Entri terkait",
    "What links here": "Entri yang menaut ke sini",
    "Not available in Indonesian; shown in English": "Belum tersedia dalam bahasa Indonesia; "
        "ditampilkan dalam bahasa Inggris",
    "Sources of “{title}”": "Sumber “{title}”",
    "Reliability": "Keandalan",
    "No sources cited": "Tidak ada sumber yang dikutip",
    "Source not in the registry: {id}": "Sumber tidak ada dalam daftar: {id}",
    # screens
    "Keys": "Tombol",
    "Bookmarks ({n})": "Markah ({n})",
    "No bookmarks yet: press b while reading to add one":
        "Belum ada markah: tekan b saat membaca untuk menambahkannya",
    "Reading history": "Riwayat bacaan",
    "No entries read yet": "Belum ada entri yang dibaca",
    "Categories": "Kategori",
    "Timeline of the ASEAN Secretariat": "Linimasa Sekretariat ASEAN",
    "Press Enter to open, Esc to close": "Tekan Enter untuk membuka, Esc untuk menutup",
    "Filter results by category": "Saring hasil menurut kategori",
    # palette
    "Open entry: {title}": "Buka entri: {title}",
    "Switch language (English / Indonesian)": "Ganti bahasa (Inggris / Indonesia)",
    "Show the keys": "Tampilkan daftar tombol",
    "Open a random entry": "Buka entri acak",
    "Browse the categories": "Jelajahi kategori",
    "Show the timeline": "Tampilkan linimasa",
    "Show bookmarks": "Tampilkan markah",
    "Show reading history": "Tampilkan riwayat bacaan",
    # help sections
    "Everywhere": "Di mana saja",
    "Search box and results": "Kotak pencarian dan hasil",
    "Reading an entry": "Membaca entri",
    "Lists (bookmarks, history, browse, timeline)": "Daftar (markah, riwayat, jelajah, linimasa)",
    "Type": "Ketik",
    "search as you type": "cari sambil mengetik",
    "move between the search box, the answer card and the results":
        "pindah antara kotak pencarian, kartu jawaban dan hasil",
    "on the answer card: open the entry at the fact": "pada kartu jawaban: buka entri di faktanya",
    "the key facts (Enter: a fact's source; i again: the article)":
        "fakta utama (Enter: sumber fakta; i lagi: artikel)",
    "Facts": "Fakta",
    "open the selected result": "buka hasil terpilih",
    "back to the search box, or clear it": "kembali ke kotak pencarian, atau kosongkan",
    "cycle through the links": "berpindah antarautan",
    "follow the selected link": "ikuti tautan terpilih",
    "scroll": "gulir",
    "open the core sections": "buka bagian utama",
    "Notice": "Pemberitahuan",
    # the reader's keys (issue 9)
    "Home menu": "Menu beranda",
    "Copy": "Salin",
    "Down": "Turun",
    "Up": "Naik",
    "Page down": "Halaman berikut",
    "Page up": "Halaman sebelumnya",
    "Top": "Awal",
    "End": "Akhir",
    "Undo": "Urungkan",
    "Removed: press u to undo": "Dihapus: tekan u untuk mengurungkan",
    "Press Enter to filter, Esc to close": "Tekan Enter untuk menyaring, Esc untuk menutup",
    "No bookmarks yet: press m while reading to add one":
        "Belum ada markah: tekan m saat membaca untuk menambahkannya",
    "{decade}s": "{decade}-an",
    "Search for commands…": "Cari perintah…",
    "Search for themes…": "Cari tema…",
    "Theme": "Tema",
    "Change the current theme": "Ganti tema",
    "Quit the application as soon as possible": "Keluar dari aplikasi sekarang",
    "Show help for the focused widget and a summary of available keys":
        "Tampilkan bantuan dan ringkasan tombol yang tersedia",
    "Hide the keys and widget help panel": "Sembunyikan panel tombol dan bantuan",
    "Screenshot": "Tangkapan layar",
    "Save an SVG 'screenshot' of the current screen": "Simpan tangkapan layar SVG",
    "Maximize": "Perbesar",
    "Maximize the focused widget": "Perbesar bagian yang aktif",
    "Minimize": "Perkecil",
    "Minimize the widget and restore to normal size": "Kembalikan ke ukuran biasa",
    # The same commands' titles in Textual 6.x (the lowest version allowed).
    "Change theme": "Ganti tema",
    "Quit the application": "Keluar dari aplikasi",
    "Show keys and help panel": "Tampilkan panel tombol dan bantuan",
    "Hide keys and help panel": "Sembunyikan panel tombol dan bantuan",
    "Save screenshot": "Simpan tangkapan layar",
    "back (Backspace outside text boxes)": "kembali (Backspace di luar kotak teks)",
    "the same, outside text boxes": "sama, di luar kotak teks",
    "a … z": "a … z",
    "to the search box from a list": "ke kotak pencarian dari daftar",
    "cycle through the links, from the first or last on screen":
        "berpindah antartautan, mulai dari yang pertama atau terakhir di layar",
    "copy the link's target, or the entry's reference": "salin tujuan tautan, atau rujukan entri",
    "next / previous match or marked word": "hasil atau kata bertanda berikut / sebelumnya",
    "close find, clear the marks, then to the search box":
        "tutup pencarian, hapus tanda, lalu ke kotak pencarian",
    "Contents (↑ ↓ Enter, Esc to close)": "Daftar isi (↑ ↓ Enter, Esc untuk menutup)",
    "scroll a line down / up": "gulir satu baris ke bawah / atas",
    "move a table wider than the screen sideways (also Shift+wheel)":
        "geser ke samping tabel yang lebih lebar dari layar (juga Shift+roda)",
    "scroll a page down / up": "gulir satu halaman ke bawah / atas",
    "to the top / the end": "ke awal / ke akhir",
    "undo the last removal (until the list closes)":
        "urungkan penghapusan terakhir (sampai daftar ditutup)",
    "Keys can be changed in keymap.json in the data folder, by binding id (see README).":
        "Tombol dapat diubah di keymap.json dalam folder data, menurut id pengikatan "
        "(lihat README).",
    "keymap.json ignored: {reason}": "keymap.json diabaikan: {reason}",
    # notices from the core (state files, the index, the content folder)
    "cannot read {name} ({reason}); changes will not be saved":
        "{name} tidak dapat dibaca ({reason}); perubahan tidak akan disimpan",
    "{name} was written by a newer aseantui (version {version}); it is read where possible "
    "and left unchanged":
        "{name} ditulis oleh aseantui yang lebih baru (versi {version}); isinya dibaca sebisanya "
        "dan berkasnya tidak diubah",
    "{name} could not be read ({error}); kept as {kept}, starting afresh":
        "{name} tidak dapat dibaca ({error}); disimpan sebagai {kept}, dimulai dari awal",
    "{name} could not be read ({error}); left in place, starting afresh":
        "{name} tidak dapat dibaca ({error}); berkas dibiarkan, dimulai dari awal",
    "cannot save {name}: {reason}": "{name} tidak dapat disimpan: {reason}",
    "{reason}: the index is kept in memory for this session":
        "{reason}: indeks disimpan di memori selama sesi ini",
    "the index cache was damaged or incomplete and has been rebuilt":
        "cache indeks rusak atau tidak lengkap dan telah dibangun ulang",
    "the search index could not be read ({reason}); it was rebuilt in memory":
        "indeks pencarian tidak dapat dibaca ({reason}); indeks dibangun ulang di memori",
    "the search index could not be read ({reason}); it was rebuilt on disk":
        "indeks pencarian tidak dapat dibaca ({reason}); indeks dibangun ulang di disk",
    "no articles found in {folder}": "tidak ada artikel di {folder}",
    "{n} broken article(s) skipped; run 'aseantui check'":
        "{n} artikel rusak dilewati; jalankan 'aseantui check'",
    "unknown {field} '{value}' ignored": "{field} '{value}' tidak dikenal dan diabaikan",
    "query shortened to its first {n} characters":
        "kueri dipotong menjadi {n} karakter pertamanya",
    "cannot write the parse cache ({reason}): every start reads and parses all the "
    "articles again":
        "cache hasil penguraian tidak dapat ditulis ({reason}): setiap kali dimulai, "
        "semua artikel dibaca dan diurai ulang",
}

class Notice(str):
    """A message for the reader, in English, that remembers how it was made.

    It is an ordinary string (the command line prints it as is), and the app
    translates it with `tr(notice, lang)` from its template and values.
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Notice:
        notice = super().__new__(cls, template.format(**values))
        notice.template = template
        notice.values = values
        return notice


def tr(text: str, lang: str, /, **values: object) -> str:
    """`text` in `lang` (English text is the key), with `{name}` fields filled in."""
    if isinstance(text, Notice) and not values:
        values = text.values
        text = text.template
    if lang == "id":
        text = INDONESIAN.get(text, text)
    return text.format(**values) if values else text


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
}


def long_date(value: str, lang: str) -> str:
    """An ISO date as readers write it ('2026-11-30' -> '30 November 2026'; 'Mei' in
    Indonesian); a year-month gives 'November 2026'; anything else is shown as given."""
    parts = value.split("-")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return value
    month = int(parts[1])
    if not 1 <= month <= 12:
        return value
    name = MONTHS["id" if lang == "id" else "en"][month - 1]
    if len(parts) == 2:
        return f"{name} {parts[0]}"
    day = int(parts[2])
    return f"{day} {name} {parts[0]}" if 1 <= day <= 31 else value


def category_name(category: str, lang: str) -> str:
    """The name a category is shown by ('organisation' -> 'ASEAN'; 'css_types' -> 'Css types')."""
    names = CATEGORY_NAMES.get(category)
    if names is None:
        words = " ".join(category.replace("-", " ").replace("_", " ").split()) or category
        return words[:1].upper() + words[1:]
    return names[1] if lang == "id" else names[0]


def category_for(name: str, known: Iterable[str]) -> str | None:
    """The category of `known` that `name` means: its id or the name it is shown by,
    in either language, whatever the case ('ASEAN' -> 'organisation')."""
    wanted = " ".join(name.replace("-", " ").replace("_", " ").split()).casefold()
    for category in known:
        shown = {category, category_name(category, "en"), category_name(category, "id")}
        if any(" ".join(s.replace("-", " ").replace("_", " ").split()).casefold() == wanted
               for s in shown):
            return category
    return None
