using System.Globalization;
using MlNetNeural.Reports.Explanations;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// Each shown hidden unit's first-layer weights as a small image (channels summed: the unit's response to a brighter
/// pixel), in a grid. Each tile is scaled to its own largest absolute weight, so every unit's pattern is visible; the
/// colour says where the unit looks for bright (vermillion) or dark (blue) pixels.
/// </summary>
internal static class WeightImagesPlot
{
    public static PlotModel Create(FirstLayerWeights weights, ImageShape shape)
    {
        int units = weights.Units.Length;
        int columns = (int)Math.Ceiling(Math.Sqrt(units)), rows = (units + columns - 1) / columns;
        double gap = Math.Max(2, shape.Width / 6.0), labelRoom = Math.Max(3, shape.Height / 4.0);
        double tileWidth = shape.Width + gap, tileHeight = shape.Height + gap + labelRoom;
        var model = PlotStyle.NewModel(units < weights.UnitCount
            ? string.Create(CultureInfo.InvariantCulture, $"First-layer weights as images ({units} of {weights.UnitCount} units, largest weight norms)")
            : "First-layer weights as images");
        model.PlotAreaBorderThickness = new OxyThickness(0);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, IsAxisVisible = false, Minimum = -0.5, Maximum = columns * tileWidth - gap - 0.5 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, IsAxisVisible = false, StartPosition = 1, EndPosition = 0, Minimum = -0.5 - labelRoom, Maximum = rows * tileHeight - gap - labelRoom - 0.5 });
        model.Axes.Add(DivergingColors.Axis(1, weights.ScaledInputs ? "Weight on the scaled pixel ÷ the unit's largest |weight|" : "Weight ÷ the unit's largest |weight|"));
        int inputs = weights.Layer.InputSize;
        for (int t = 0; t < units; t++)
        {
            int unit = weights.Units[t];
            var unitWeights = Enumerable.Range(0, inputs).Select(i => weights.Weight(unit, i)).ToArray();
            var pixels = shape.SumOverChannels(unitWeights);
            double limit = DivergingColors.Limit(pixels.Cast<double>());
            for (int x = 0; x < shape.Width; x++)
                for (int y = 0; y < shape.Height; y++)
                    pixels[x, y] /= limit;
            double left = t % columns * tileWidth, top = t / columns * tileHeight;
            model.Series.Add(new HeatMapSeries
            {
                Data = pixels,
                X0 = left, X1 = left + shape.Width - 1, Y0 = top, Y1 = top + shape.Height - 1,
                Interpolate = false,
                RenderMethod = HeatMapRenderMethod.Bitmap,
            });
            model.Annotations.Add(new TextAnnotation
            {
                Text = string.Create(CultureInfo.InvariantCulture, $"unit {unit}"),
                TextPosition = new DataPoint(left + (shape.Width - 1) / 2.0, top - 0.5 - labelRoom / 2),
                TextHorizontalAlignment = HorizontalAlignment.Center,
                TextVerticalAlignment = VerticalAlignment.Middle,
                Stroke = OxyColors.Undefined,
                StrokeThickness = 0,
                FontSize = 10,
            });
        }
        return model;
    }

    /// <summary>The height that gives the grid square pixels at <paramref name="width"/> pixels (plot area about width − 130).</summary>
    public static int HeightFor(int units, ImageShape shape, int width)
    {
        int columns = (int)Math.Ceiling(Math.Sqrt(units)), rows = (units + columns - 1) / columns;
        var (tileWidth, tileHeight) = Tile(shape);
        return (int)Math.Clamp((width - 130) * (rows * tileHeight) / (columns * tileWidth) + 60, 300, 1400);
    }

    /// <summary>Width and height of one tile in pixel units, with the gap and the room for its label.</summary>
    private static (double Width, double Height) Tile(ImageShape shape)
    {
        double gap = Math.Max(2, shape.Width / 6.0), labelRoom = Math.Max(3, shape.Height / 4.0);
        return (shape.Width + gap, shape.Height + gap + labelRoom);
    }
}
