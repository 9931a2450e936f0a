using OxyPlot;

namespace MlNetNeural.Reports;

/// <summary>One chart of a report, exportable as SVG (for HTML) and PNG (for Markdown).</summary>
public sealed class ReportPlot
{
    internal ReportPlot(string key, string caption, PlotModel model, int width, int height)
    {
        Key = key;
        Caption = caption;
        Model = model;
        Width = width;
        Height = height;
    }

    /// <summary>Stable key, e.g. "roc"; also the PNG file name (without extension) in Markdown output.</summary>
    public string Key { get; }

    /// <summary>Chart title.</summary>
    public string Title => Model.Title;

    /// <summary>What the chart shows and how to read it.</summary>
    public string Caption { get; }

    /// <summary>The OxyPlot model, for callers who want to restyle or export it themselves.</summary>
    public PlotModel Model { get; }

    /// <summary>Export width in pixels.</summary>
    public int Width { get; }

    /// <summary>Export height in pixels.</summary>
    public int Height { get; }

    /// <summary>Renders the chart as a standalone SVG document.</summary>
    public string ToSvg() => new SvgExporter { Width = Width, Height = Height }.ExportToString(Model);

    /// <summary>Renders the chart as PNG bytes (SkiaSharp).</summary>
    public byte[] ToPng()
    {
        using var stream = new MemoryStream();
        new OxyPlot.SkiaSharp.PngExporter { Width = Width, Height = Height }.Export(Model, stream);
        return stream.ToArray();
    }
}
