using MlNetNeural.Reports.Explanations;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// An image and its contributions side by side: on the left the image in grey (channels averaged), on the right the
/// same image faded with each pixel's contribution (summed over its channels) laid over it on the diverging scale.
/// </summary>
internal static class ContributionImagePlot
{
    private const string ImageAxis = "image";
    private const string FadedAxis = "faded";
    private const string ContributionAxis = "contribution";

    public static PlotModel Create(string title, IReadOnlyList<float> contributions, IReadOnlyList<float> image, ImageShape shape, string outputName)
    {
        var pixels = shape.SumOverChannels(contributions);
        var grey = shape.SumOverChannels(image);
        for (int x = 0; x < shape.Width; x++)
            for (int y = 0; y < shape.Height; y++)
                grey[x, y] /= shape.Channels;
        double gap = Gap(shape);
        var model = PlotStyle.NewModel(title);
        model.PlotAreaBorderThickness = new OxyThickness(0);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, IsAxisVisible = false, Minimum = -0.5, Maximum = 2 * shape.Width + gap - 0.5 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, IsAxisVisible = false, StartPosition = 1, EndPosition = 0, Minimum = -0.5 - shape.Height * 0.12, Maximum = shape.Height - 0.5 });
        var greyValues = Flatten(grey);
        double low = greyValues.Min(), high = Math.Max(greyValues.Max(), greyValues.Min() + 1e-6);
        model.Axes.Add(new LinearColorAxis { Key = ImageAxis, IsAxisVisible = false, Palette = OxyPalettes.Gray(256), Minimum = low, Maximum = high });
        // Under the contributions the image is drawn pale (dark pixels white, bright ones light grey) so the colours read clearly.
        model.Axes.Add(new LinearColorAxis
        {
            Key = FadedAxis, IsAxisVisible = false, Palette = OxyPalette.Interpolate(256, OxyColors.White, OxyColor.FromRgb(0xB4, 0xB4, 0xB4)), Minimum = low, Maximum = high,
        });
        model.Axes.Add(DivergingColors.OverlayAxis(DivergingColors.Limit(Flatten(pixels)), $"Contribution to {outputName} (per pixel)", ContributionAxis));

        model.Series.Add(Tile(grey, 0, shape, ImageAxis));
        double right = shape.Width + gap;
        model.Series.Add(Tile(grey, right, shape, FadedAxis));
        model.Series.Add(Tile(pixels, right, shape, ContributionAxis));
        model.Annotations.Add(Caption("image", (shape.Width - 1) / 2.0, shape));
        model.Annotations.Add(Caption("contributions over the image", right + (shape.Width - 1) / 2.0, shape));
        return model;
    }

    /// <summary>Height for a chart of two square-pixelled tiles side by side at <paramref name="width"/> pixels (plot area about width − 130).</summary>
    public static int HeightFor(ImageShape shape, int width) =>
        (int)Math.Clamp((width - 130) * (shape.Height * 1.12) / (2 * shape.Width + Gap(shape)) + 75, 240, 900);

    private static double Gap(ImageShape shape) => Math.Max(2, shape.Width / 8.0);

    private static HeatMapSeries Tile(double[,] values, double left, ImageShape shape, string colorAxis) => new()
    {
        Data = values,
        X0 = left, X1 = left + shape.Width - 1,
        Y0 = 0, Y1 = shape.Height - 1,
        Interpolate = false,
        RenderMethod = HeatMapRenderMethod.Bitmap,
        ColorAxisKey = colorAxis,
    };

    private static TextAnnotation Caption(string text, double x, ImageShape shape) => new()
    {
        Text = text,
        TextPosition = new DataPoint(x, -0.5 - shape.Height * 0.06),
        TextHorizontalAlignment = HorizontalAlignment.Center,
        TextVerticalAlignment = VerticalAlignment.Middle,
        Stroke = OxyColors.Undefined,
        StrokeThickness = 0,
        FontSize = 12,
    };

    private static double[] Flatten(double[,] values) => values.Cast<double>().ToArray();
}
