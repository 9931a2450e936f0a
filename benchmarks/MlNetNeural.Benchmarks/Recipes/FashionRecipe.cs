using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Quality;
using MlNetNeural.Trainers;

namespace MlNetNeural.Benchmarks.Recipes;

/// <summary>
/// <c>fashion-mlp [--mlp-set "Name=Value;..."]</c>: trains the multiclass Mlp through the ML.NET API on Fashion-MNIST's
/// 60,000 training images (options at their defaults except those set) and prints the test accuracy and the fit time,
/// to measure a recipe (docs/trainers.md) or what the defaults reach.
/// </summary>
public static class FashionRecipe
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="output">Where the result goes.</param>
    public static void Run(IReadOnlyList<string> args, TextWriter output)
    {
        var overrides = args.Count == 2 && args[0] == "--mlp-set" ? MlpOptionOverrides.Parse(args[1])
            : args.Count == 0 ? MlpOptionOverrides.None
            : throw new ArgumentException("fashion-mlp [--mlp-set \"Name=Value;...\"]");
        var (train, test) = FashionMnist.Load();
        var ml = new MLContext(seed: 1);
        var options = overrides.ApplyTo(new MlpMulticlassTrainer.Options());
        options.ProgressCallback = report => output.WriteLine(
            $"epoch {report.Epoch,3}: train loss {report.TrainLoss:F4}{(report.ValidationMetric is double m ? $", validation accuracy {m:F4}" : "")}, {report.Seconds:F2} s");
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(options));
        var trainView = ml.Data.Cache(ToDataView(ml, train));
        _ = trainView.Preview(1);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var model = pipeline.Fit(trainView);
        double seconds = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(ToDataView(ml, test)));
        output.WriteLine($"Fashion-MNIST, Mlp ({(overrides.Text.Length == 0 ? "defaults" : overrides.Text)}): test accuracy {metrics.MicroAccuracy:F4}, fit {seconds:F1} s ({cpuSeconds:F1} s of CPU time)");
    }

    /// <summary>The images as an ML.NET view: a Features vector of the pixels and a uint Label.</summary>
    internal static IDataView ToDataView(MLContext ml, LabelledImages images)
    {
        var rows = new List<Row>(images.Count);
        for (int i = 0; i < images.Count; i++)
            rows.Add(new Row { Features = images.Images.AsSpan(i * FashionMnist.PixelsPerImage, FashionMnist.PixelsPerImage).ToArray(), Label = (uint)images.Labels[i] });
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FashionMnist.PixelsPerImage);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }
}
