using Microsoft.ML;
using Microsoft.ML.Data;

namespace MedicalImaging.Images;

/// <summary>
/// Turns image files into feature vectors ONCE, through ML.NET's LoadImages -> ResizeImages -> ExtractPixels
/// (and, for <see cref="ImageFeatureKind.ResNet18"/>, DnnFeaturizeImage with the pretrained ResNet18 from
/// the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18, scored by ONNX Runtime). The vectors are
/// held in memory so the head's training epochs never run the backbone again.
/// </summary>
public static class ImageFeaturizer
{
    /// <summary>Side of the square the pixel features are taken from.</summary>
    public const int PixelSide = 32;

    /// <summary>Side of the square ResNet18 expects.</summary>
    public const int ResNetSide = 224;

    /// <summary>One feature vector per image, in the order of <paramref name="images"/>; progress goes to <paramref name="progressOutput"/>.</summary>
    public static float[][] Featurize(MLContext ml, IReadOnlyList<LabeledImage> images, ImageFeatureKind kind, TextWriter progressOutput)
    {
        var files = ml.Data.LoadFromEnumerable(images.Select(image => new ImageFile { ImagePath = image.ImagePath }).ToList());
        var featurized = Pipeline(ml, kind).Fit(files).Transform(files);
        var progress = new ConsoleProgress(progressOutput, kind == ImageFeatureKind.ResNet18 ? "ResNet18 features" : "pixel features", images.Count);
        var features = new float[images.Count][];
        var column = featurized.Schema["Features"];
        using var cursor = featurized.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        int done = 0;
        progress.Report(0);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            features[done++] = buffer.DenseValues().ToArray();
            progress.Report(done);
        }
        return features;
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml, ImageFeatureKind kind)
    {
        var load = ml.Transforms.LoadImages("Image", imageFolder: "", inputColumnName: nameof(ImageFile.ImagePath));
        return kind switch
        {
            ImageFeatureKind.Pixels => load
                .Append(ml.Transforms.ResizeImages("Image", PixelSide, PixelSide))
                .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: 1f / 255)),
            ImageFeatureKind.ResNet18 => load
                .Append(ml.Transforms.ResizeImages("Image", ResNetSide, ResNetSide))
                .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
                .Append(ml.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), "Pixels")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown image feature kind."),
        };
    }

    private sealed class ImageFile
    {
        public string ImagePath { get; set; } = "";
    }
}
