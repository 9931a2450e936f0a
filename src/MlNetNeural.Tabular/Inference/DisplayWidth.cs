using System.Globalization;
using System.Text;

namespace MlNetNeural.Tabular;

/// <summary>
/// How many terminal columns a text takes: East Asian wide and fullwidth characters (Chinese, Japanese and Korean
/// ideographs and syllables, fullwidth forms, most emoji) two, combining marks and format characters none, others one;
/// after Unicode Standard Annex #11 (East Asian Width) in the simplified block ranges of Markus Kuhn's wcwidth. Used to
/// line up <see cref="TableInference.Describe"/>'s columns when names are written in such scripts.
/// </summary>
internal static class DisplayWidth
{
    private static readonly (int First, int Last)[] Wide =
    [
        (0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF),
        (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F300, 0x1F64F),
        (0x1F900, 0x1F9FF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
    ];

    /// <summary>The terminal columns <paramref name="text"/> takes.</summary>
    public static int Of(string text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes()) width += Of(rune);
        return width;
    }

    /// <summary><paramref name="text"/> followed by spaces up to <paramref name="width"/> terminal columns (none when it is as wide or wider).</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Of(text)));

    private static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) return 0;
        int value = rune.Value;
        foreach (var (first, last) in Wide)
            if (value >= first && value <= last) return 2;
        return 1;
    }
}
