// A consumer of the packed MlNetNeural package, built by .ci/pack-check in a fresh project outside the repository:
// trains a small binary pipeline, saves it with SaveSafely, loads it in a fresh MLContext after RegisterMlNetNeural,
// scores it and checks the scores agree. Exit code 0 when everything works.
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Trainers;

var random = new Random(7);
var rows = Enumerable.Range(0, 400).Select(_ =>
{
    float x = (float)(random.NextDouble() * 4 - 2), y = (float)(random.NextDouble() * 4 - 2);
    return new Row { X = 10 + x, Y = 100 * y, Label = x * x + y * y < 1.5f };     // a ring: not linearly separable
}).ToList();

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(rows);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);
var pipeline = ml.Transforms.Concatenate("Features", nameof(Row.X), nameof(Row.Y))
    .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
    .Append(ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [16], MaxEpochs = 60, NumberOfThreads = 1 }));
var model = pipeline.Fit(split.TrainSet);
var before = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));

string path = Path.Combine(Path.GetTempPath(), $"pack-check-{Guid.NewGuid():N}.zip");
ml.Model.SaveSafely(model, data.Schema, path);
try
{
    var fresh = new MLContext(seed: 2).RegisterMlNetNeural();
    var loaded = fresh.Model.Load(path, out var schema);
    var after = fresh.BinaryClassification.Evaluate(loaded.Transform(split.TestSet));
    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"MlNetNeural {Informational(typeof(MlpBinaryTrainer))} with ML.NET {Informational(typeof(MLContext))}: test AUC {before.AreaUnderRocCurve:F4} trained, {after.AreaUnderRocCurve:F4} after Save and Load ({schema.Count} input columns)"));
    if (after.AreaUnderRocCurve != before.AreaUnderRocCurve || after.AreaUnderRocCurve < 0.9)
    {
        Console.Error.WriteLine("FAILED: the reloaded model scores differently, or the model did not learn the ring (AUC < 0.9).");
        return 1;
    }
    return 0;
}
finally
{
    File.Delete(path);
}

static string? Informational(Type type) =>
    type.Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0];

/// <summary>One row of the synthetic data.</summary>
public sealed class Row
{
    /// <summary>First coordinate, off-centre on purpose.</summary>
    public float X { get; set; }

    /// <summary>Second coordinate, on another scale.</summary>
    public float Y { get; set; }

    /// <summary>True inside the ring.</summary>
    public bool Label { get; set; }
}
