using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;

namespace MlNetNeural.Reports.Tests;

/// <summary>
/// The charts use SkiaSharp through OxyPlot; ML.NET's ImageAnalytics uses SkiaSharp too. A plotting library that pulls
/// a different SkiaSharp major version breaks image loading in the same process, so this is checked here.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ImageAnalyticsCoexistenceTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    [Fact]
    public void A_chart_png_written_by_the_report_loads_through_mlnet_image_analytics_in_the_same_process()
    {
        using var output = new OutputDirectory("image-analytics");
        EvaluationReport.ForRegression(_ml, models.RegressionScored).WriteMarkdown(output.Path);
        var pngPath = output.File("predicted-vs-actual.png");
        using (var decoded = SKBitmap.Decode(pngPath))
            Assert.True(decoded is { Width: > 0, Height: > 0 });

        var images = _ml.Data.LoadFromEnumerable([new ImagePath { Path = pngPath }]);
        var pixels = _ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImagePath.Path))
            .Append(_ml.Transforms.ResizeImages("Image", imageWidth: 240, imageHeight: 160))
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Fit(images).Transform(images);

        var vector = pixels.GetColumn<VBuffer<float>>("Pixels").Single();
        Assert.Equal(3 * 240 * 160, vector.Length);
        Assert.Contains(vector.DenseValues(), value => value < 200); // not a blank white image: axes and points were drawn
    }

    private sealed class ImagePath
    {
        public string Path { get; set; } = "";
    }
}
