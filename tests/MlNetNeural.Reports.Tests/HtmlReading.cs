using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MlNetNeural.Reports.Tests;

/// <summary>Reads the machine-readable parts back out of a written HTML report.</summary>
internal static partial class HtmlReading
{
    /// <summary>data-metric key → exact value from data-value.</summary>
    public static Dictionary<string, double> Metrics(string html)
        => MetricCell().Matches(html).ToDictionary(m => m.Groups["key"].Value, m => Parse(m.Groups["value"].Value));

    /// <summary>(class, metric) → exact value from the per-class table.</summary>
    public static Dictionary<(string Class, string Metric), double> PerClass(string html)
    {
        var result = new Dictionary<(string, string), double>();
        foreach (Match row in ClassRow().Matches(html))
        {
            foreach (Match cell in ClassCell().Matches(row.Groups["cells"].Value))
                result[(System.Net.WebUtility.HtmlDecode(row.Groups["class"].Value), cell.Groups["key"].Value)] = Parse(cell.Groups["value"].Value);
        }
        return result;
    }

    /// <summary>(actual, predicted) → count from the confusion table.</summary>
    public static Dictionary<(int Actual, int Predicted), double> Confusion(string html)
        => ConfusionCell().Matches(html).ToDictionary(
            m => (int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture)),
            m => Parse(m.Groups["value"].Value));

    /// <summary>Each figure's key and its inline SVG parsed as XML.</summary>
    public static Dictionary<string, XDocument> Figures(string html)
        => Figure().Matches(html).ToDictionary(m => m.Groups["key"].Value, m => XDocument.Parse(m.Groups["svg"].Value));

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex("data-metric=\"(?<key>[^\"]+)\" data-value=\"(?<value>[^\"]+)\"")]
    private static partial Regex MetricCell();

    [GeneratedRegex("<tr data-class=\"(?<class>[^\"]*)\">(?<cells>.*?)</tr>")]
    private static partial Regex ClassRow();

    [GeneratedRegex("data-class-metric=\"(?<key>[^\"]+)\" data-value=\"(?<value>[^\"]+)\"")]
    private static partial Regex ClassCell();

    [GeneratedRegex("data-actual=\"(?<a>\\d+)\" data-predicted=\"(?<p>\\d+)\" data-value=\"(?<value>[^\"]+)\"")]
    private static partial Regex ConfusionCell();

    [GeneratedRegex("<figure data-plot=\"(?<key>[^\"]+)\">\\s*(?<svg><svg.*?</svg>)", RegexOptions.Singleline)]
    private static partial Regex Figure();
}
