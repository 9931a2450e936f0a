using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using MlNetNeural.Reports.Plots;

namespace MlNetNeural.Reports.Writing;

/// <summary>
/// Turns a standalone SVG document into an <c>&lt;svg&gt;</c> element that can sit inline in HTML next to other charts:
/// drops the XML declaration and DOCTYPE, makes element ids unique per chart (OxyPlot numbers its clip paths from 1
/// in every chart, and inline SVGs share one id space), adds a viewBox so CSS can scale it, an accessible title, and a fallback font list.
/// </summary>
internal static partial class InlineSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    public static string Prepare(string svgDocument, string idPrefix, string title)
    {
        var root = Parse(svgDocument).Root
            ?? throw new InvalidOperationException("The SVG exporter produced an empty document.");
        var renamed = new Dictionary<string, string>();
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Attribute("id") is { } id)
            {
                renamed[id.Value] = $"{idPrefix}-{id.Value}";
                id.Value = renamed[id.Value];
            }
        }
        foreach (var attribute in root.DescendantsAndSelf().Attributes())
        {
            if (attribute.Name == "font-family")
                attribute.Value = ChartFont.SvgFontList;
            else if (attribute.Name == XLink + "href" || attribute.Name == "href")
                attribute.Value = attribute.Value.StartsWith('#') && renamed.TryGetValue(attribute.Value[1..], out var target) ? "#" + target : attribute.Value;
            else if (attribute.Value.Contains("url(#", StringComparison.Ordinal))
                attribute.Value = UrlReference().Replace(attribute.Value, m => renamed.TryGetValue(m.Groups[1].Value, out var t) ? $"url(#{t})" : m.Value);
        }
        if (root.Attribute("viewBox") is null && root.Attribute("width") is { } width && root.Attribute("height") is { } height)
            root.SetAttributeValue("viewBox", $"0 0 {width.Value} {height.Value}");
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-label", title);
        root.AddFirst(new XElement(Svg + "title", title));
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static XDocument Parse(string svgDocument)
    {
        using var reader = XmlReader.Create(new StringReader(svgDocument), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        return XDocument.Load(reader);
    }

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();
}
