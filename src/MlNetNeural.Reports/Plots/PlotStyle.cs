using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace MlNetNeural.Reports.Plots;

/// <summary>Shared look of every report chart: fonts, colours, axes and legend placement.</summary>
internal static class PlotStyle
{
    // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
    public static readonly OxyColor Blue = OxyColor.FromRgb(0x00, 0x72, 0xB2);
    public static readonly OxyColor Orange = OxyColor.FromRgb(0xD5, 0x5E, 0x00);
    public static readonly OxyColor Green = OxyColor.FromRgb(0x00, 0x9E, 0x73);
    public static readonly OxyColor Reference = OxyColor.FromRgb(0x80, 0x80, 0x80);

    public static PlotModel NewModel(string title)
    {
        return new PlotModel
        {
            Title = title,
            TitleFontSize = 16,
            TitleFontWeight = FontWeights.Bold,
            DefaultFont = ChartFont.Family,
            DefaultFontSize = 13,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColor.FromRgb(0x60, 0x60, 0x60),
            Padding = new OxyThickness(8, 8, 24, 8),
        };
    }

    public static LinearAxis Axis(AxisPosition position, string title, double? minimum = null, double? maximum = null)
    {
        var axis = new LinearAxis
        {
            Position = position,
            Title = title,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xE0, 0xE0, 0xE0),
            TitleFontSize = 13,
            AxisTitleDistance = 6,
            // Keeps markers at the data extremes inside the plot area when the range is automatic.
            MinimumPadding = 0.04,
            MaximumPadding = 0.04,
        };
        if (minimum is { } min) axis.Minimum = min;
        if (maximum is { } max) axis.Maximum = max;
        return axis;
    }

    /// <summary>A left category axis listing <paramref name="labels"/> top to bottom, for horizontal bar charts.</summary>
    public static CategoryAxis RowLabels(IEnumerable<string> labels)
    {
        var axis = new CategoryAxis
        {
            Position = AxisPosition.Left,
            StartPosition = 1,
            EndPosition = 0,
            IsZoomEnabled = false,
            IsPanEnabled = false,
            TickStyle = TickStyle.None,
        };
        axis.Labels.AddRange(labels);
        return axis;
    }

    /// <summary>Both axes fixed to [0, 1] with a little margin so lines on the border stay visible.</summary>
    public static void AddUnitAxes(PlotModel model, string xTitle, string yTitle)
    {
        model.Axes.Add(Axis(AxisPosition.Bottom, xTitle, -0.01, 1.01));
        model.Axes.Add(Axis(AxisPosition.Left, yTitle, -0.01, 1.01));
    }

    public static void AddLegend(PlotModel model, LegendPosition position)
    {
        model.Legends.Add(new Legend
        {
            LegendPosition = position,
            LegendPlacement = LegendPlacement.Inside,
            LegendBackground = OxyColor.FromAColor(230, OxyColors.White),
            LegendBorder = OxyColor.FromRgb(0xA0, 0xA0, 0xA0),
            LegendFontSize = 12,
        });
    }

    /// <summary>Breaks <paramref name="text"/> between words into lines of at most <paramref name="width"/> characters (longer words stay whole).</summary>
    public static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return string.Join("\n", lines);
    }

}
