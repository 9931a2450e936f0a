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

    /// <summary>
    /// Renders the chart as a standalone SVG document. Text is measured with SkiaSharp (the PNG renderer, real fonts)
    /// rather than OxyPlot's built-in estimate, which under-measured labels and clipped them; vertical text alignment
    /// is computed into the coordinates because not every SVG viewer honours <c>dominant-baseline</c>.
    /// </summary>
    public string ToSvg()
    {
        using var measurer = new OxyPlot.SkiaSharp.SkiaRenderContext { DpiScale = 1 };
        var exporter = new SvgExporter { Width = Width, Height = Height, TextMeasurer = measurer, UseVerticalTextAlignmentWorkaround = true };
        // Heat maps are embedded bitmaps: draw their pixels as squares, as the PNG does, instead of letting the viewer blur them.
        return exporter.ExportToString(Model).Replace("<image ", "<image style=\"image-rendering:pixelated\" image-rendering=\"optimizeSpeed\" ", StringComparison.Ordinal);
    }

    /// <summary>Renders the chart as PNG bytes (SkiaSharp).</summary>
    public byte[] ToPng()
    {
        using var stream = new MemoryStream();
        new OxyPlot.SkiaSharp.PngExporter { Width = Width, Height = Height }.Export(Model, stream);
        return stream.ToArray();
    }
}
