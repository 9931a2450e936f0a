using Microsoft.ML;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// A saved pipeline for the fuzz tests (normalizer, multiclass MLP with named classes, MapKeyToValue to the class name),
/// its zip bytes, the entry that holds the MLP, and what it scores on fixed rows: Id, class probabilities (as bits) and
/// the predicted class name, so a flip that changed a weight or a class name would show.
/// </summary>
public sealed class FuzzedModels
{
    public FuzzedModels()
    {
        var ml = new MLContext(seed: 1);
        var names = new Dictionary<string, string> { ["a"] = "alpha", ["b"] = "bravo", ["c"] = "charlie" };
        var rows = ShippedTransforms.CreateRows(300, seed: 11);
        foreach (var row in rows) row.Kind = names[row.Kind];
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.Transforms.Conversion.MapValueToKey("KindKey", nameof(ScoringRow.Kind)))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { LabelColumnName = "KindKey", HiddenLayers = [8], MaxEpochs = 3, Seed = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedKind", "PredictedLabel"));
        var model = pipeline.Fit(data);
        Rows = rows.Take(40).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"mlnn-fuzz-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            Zip = File.ReadAllBytes(path);
            Mlp = ModelFiles.FindMlp(path);
            Entries = ModelFiles.Entries(path);
        }
        finally
        {
            File.Delete(path);
        }
        Expected = Score(new MLContext().RegisterMlNetNeural().Model.Load(new MemoryStream(Zip), out _));
    }

    /// <summary>Output columns compared: the row's Id, the class probabilities and the predicted class name.</summary>
    public static string[] Columns { get; } = ["Id", "Score", "PredictedKind"];

    public IReadOnlyList<ScoringRow> Rows { get; }

    /// <summary>The saved model file.</summary>
    public byte[] Zip { get; }

    /// <summary>The zip entry with the MLP, and where its payload lies.</summary>
    public ModelFiles.MlpEntry Mlp { get; }

    /// <summary>Every entry of the zip, in order.</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> Entries { get; }

    /// <summary>What the saved model scores on <see cref="Rows"/>.</summary>
    public string[] Expected { get; }

    public string[] Score(ITransformer model) => RowText.Of(model.Transform(new MLContext().Data.LoadFromEnumerable(Rows)), Columns);

    /// <summary>The model file with the MLP entry's bytes replaced.</summary>
    public byte[] ZipWithMlpEntry(byte[] entry)
    {
        using var stream = new MemoryStream();
        ModelFiles.WriteZip(stream, Entries.Select(e => e.Name == Mlp.Name ? (e.Name, entry) : e));
        return stream.ToArray();
    }
}
