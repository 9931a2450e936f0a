using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.ML;

namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>Two small models saved once: binary (label y of <see cref="SearchTables.Binary"/>) and multiclass (its color: blue, green, red).</summary>
public sealed class SavedModels : IDisposable
{
    private readonly TestFiles _files = new();

    public SavedModels()
    {
        Binary = Save(SearchTables.Binary(), "y");
        Multiclass = Save(SearchTables.Binary(), "color");
    }

    public string Binary { get; }

    public string Multiclass { get; }

    private string Save(string text, string label)
    {
        var inference = SearchTables.Infer(text, label);
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.25, seed: 2);
        var result = TabularMlp.Fit(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1, EnsembleSize = 1 });
        string path = Path.Combine(_files.Folder, $"{label}.zip");
        result.Model.Save(new MLContext(), path);
        return path;
    }

    public void Dispose() => _files.Dispose();
}

/// <summary>A model file whose column decisions were damaged or crafted is refused at load, naming the file, without a huge allocation.</summary>
public class ModelFileTests(SavedModels models) : IClassFixture<SavedModels>
{
    private static string Copy(string model, TestFiles files)
    {
        string path = Path.Combine(files.Folder, "model.zip");
        File.Copy(model, path);
        return path;
    }

    /// <summary>Replaces the decisions entry of the model at <paramref name="path"/> with <paramref name="text"/>.</summary>
    private static void WriteSchemaEntry(string path, string text)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(TabularModel.SchemaEntryName)!.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(TabularModel.SchemaEntryName, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static string SchemaText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry(TabularModel.SchemaEntryName)!.Open());
        return reader.ReadToEnd();
    }

    private static (InvalidDataException Error, long Allocated) LoadFails(string path)
    {
        var ml = new MLContext();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => TabularModel.Load(ml, path));
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void DecisionsAboveTheCapAreRefusedBeforeTheyAreRead()
    {
        // Valid decisions after MaxSchemaBytes of spaces (JSON allows them; the entry compresses to about 16 KB): refused by the declared length.
        using var files = new TestFiles();
        string path = Copy(models.Binary, files);
        WriteSchemaEntry(path, new string(' ', TabularModel.MaxSchemaBytes) + SchemaText(path));
        var (error, allocated) = LoadFails(path);
        Assert.StartsWith(path, error.Message);
        Assert.Contains($"more than the {TabularModel.MaxSchemaBytes:N0} bytes", error.Message);
        Assert.True(allocated < 4 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void DecisionsLongerThanTheZipDeclaresAreRefusedAtTheCap()
    {
        // The same entry with its declared uncompressed length rewritten to 2 KB: reading stops there (.NET's zip reader stops there too), so the
        // decisions read are 2 KB of spaces, not a schema.
        using var files = new TestFiles();
        string path = Copy(models.Binary, files);
        WriteSchemaEntry(path, new string(' ', TabularModel.MaxSchemaBytes) + SchemaText(path));
        DeclareLength(path, TabularModel.SchemaEntryName, 2048);
        var (error, allocated) = LoadFails(path);
        Assert.StartsWith(path, error.Message);
        Assert.Contains("cannot be read", error.Message);
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void ATruncatedFileFailsNamingIt()
    {
        // Cut anywhere (a copy interrupted): a zip without its central directory, refused before ML.NET reads it.
        using var files = new TestFiles();
        string path = Copy(models.Binary, files);
        byte[] bytes = File.ReadAllBytes(path);
        foreach (int length in new[] { 0, 100, bytes.Length / 2, bytes.Length - 10 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var (error, allocated) = LoadFails(path);
            Assert.StartsWith($"{path} is not a model file", error.Message);
            Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated");
        }
    }

    [Theory]
    [InlineData("y", "remove x1", "the pipeline cannot read the columns they declare", "'x1'")]
    [InlineData("y", "x1 categorical", "they type the column 'x1' (Categorical) as String, but the pipeline was saved reading it as Single")]
    [InlineData("y", "add z", "they declare the column 'z', which the pipeline was not saved with")]
    [InlineData("y", "regression", "they give the task as Regression, but the pipeline is a BinaryClassification model (its outputs: PredictedLabel: Boolean, Score: Single, Probability: Single)")]
    [InlineData("y", "multiclass", "they give the task as MulticlassClassification, but the pipeline is a BinaryClassification model")]
    [InlineData("color", "binary", "they give the task as BinaryClassification, but the pipeline is a MulticlassClassification model")]
    [InlineData("color", "two classes", "they list 2 classes for the label 'color', but the pipeline scores 3")]
    [InlineData("color", "four classes", "they list 4 classes for the label 'color', but the pipeline scores 3")]
    [InlineData("color", "classes reordered", "they list the classes red, green, blue, but the pipeline's are blue, green, red, in that order")]
    public void DecisionsThatContradictThePipelineAreRefusedNamingTheFileAndTheContradiction(string label, string edit, params string[] expected)
    {
        using var files = new TestFiles();
        string path = Copy(label == "y" ? models.Binary : models.Multiclass, files);
        var schema = JsonNode.Parse(SchemaText(path))!.AsObject();
        Edit(schema, edit);
        WriteSchemaEntry(path, schema.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => TabularModel.Load(new MLContext(), path));
        Assert.StartsWith($"{path}: the column decisions ({TabularModel.SchemaEntryName}) contradict the saved pipeline: ", error.Message);
        foreach (string text in expected) Assert.Contains(text, error.Message);
    }

    [Fact]
    public void APipelineThatIsNoScorerOrCannotReadItsOwnInputIsRefused()
    {
        // Saved by TabularModel.Save from pipelines the constructor accepts: the featurization alone, and one with an input schema that lacks x1.
        var ml = new MLContext(seed: 1);
        var inference = SearchTables.Infer(SearchTables.Binary(), "y");
        var data = TabularDataset.Create(inference).ToDataView();
        var featurizer = new TabularFeaturizer(ml, inference, new TabularFeaturizerOptions { IncludeLabel = false }).Fit(data);
        using var files = new TestFiles();
        string path = Path.Combine(files.Folder, "model.zip");
        new TabularModel(featurizer, data.Schema, inference.Schema).Save(ml, path);
        var error = Assert.Throws<InvalidDataException>(() => TabularModel.Load(new MLContext(), path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains("the pipeline's outputs (no Score) are not those of a binary, multiclass or regression model", error.Message);

        var withoutX1 = new DataViewSchema.Builder();
        withoutX1.AddColumns(data.Schema.Where(c => c.Name != "x1"));
        new TabularModel(featurizer, withoutX1.ToSchema(), inference.Schema).Save(ml, path);
        error = Assert.Throws<InvalidDataException>(() => TabularModel.Load(new MLContext(), path));
        Assert.StartsWith($"{path}: the model cannot be loaded: its pipeline cannot read the data it was saved with: ", error.Message);
        Assert.Contains("'x1'", error.Message);
    }

    private static void Edit(JsonObject schema, string edit)
    {
        var label = schema["label"]!.AsObject();
        var columns = schema["columns"]!.AsArray();
        JsonNode Column(string name) => columns.Single(c => (string?)c!["name"] == name)!;
        switch (edit)
        {
            case "remove x1": columns.Remove(Column("x1")); break;
            case "x1 categorical": Column("x1")["kind"] = "Categorical"; break;
            case "add z": columns.Add(JsonNode.Parse("""{"name": "z", "kind": "Numeric", "encoding": "OneHot"}""")); break;
            case "regression": label["task"] = "Regression"; break;
            case "multiclass": label["task"] = "MulticlassClassification"; break;
            case "binary": label["task"] = "BinaryClassification"; label["classes"] = new JsonArray("green", "red"); label["positiveClass"] = "red"; break;
            case "two classes": label["classes"] = new JsonArray("blue", "green"); break;
            case "four classes": label["classes"] = new JsonArray("blue", "green", "purple", "red"); break;
            case "classes reordered": label["classes"] = new JsonArray("red", "green", "blue"); break;
            default: throw new ArgumentException(edit);
        }
    }

    [Fact]
    public void TheDecisionsOfAWideTableAreFarBelowTheCap()
    {
        // 3,000 columns (numeric, categorical and text in turn, long names) and a label: the decisions take about 0.8 MB, a twentieth of the cap.
        var random = new Random(1);
        const int columns = 3000;
        var text = new StringBuilder(string.Join(',', Enumerable.Range(0, columns).Select(i => $"a_rather_long_column_name_number_{i}")) + ",y\n");
        string[] words = ["alpha beta", "gamma delta", "epsilon zeta", "eta theta", "iota kappa"];
        for (int row = 0; row < 40; row++)
        {
            text.AppendJoin(',', Enumerable.Range(0, columns).Select(i => (i % 3) switch
            {
                0 => (random.NextDouble() * 100).ToString("F2", CultureInfo.InvariantCulture),
                1 => $"level{random.Next(5)}",
                _ => $"{words[random.Next(5)]} {random.Next(1000)}",
            }));
            text.Append(CultureInfo.InvariantCulture, $",{(row % 2 == 0 ? "yes" : "no")}\n");
        }
        int bytes = Encoding.UTF8.GetByteCount(SearchTables.Infer(text.ToString(), "y").Schema.ToJson());
        Assert.InRange(bytes, 1, TabularModel.MaxSchemaBytes / 8);
    }

    // Rewrites the uncompressed size of an entry in its local header and in the central directory (zip without ZIP64).
    private static void DeclareLength(string path, string entryName, uint length)
    {
        byte[] bytes = File.ReadAllBytes(path);
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        int patched = 0;
        for (int i = 0; i + 46 < bytes.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            (int sizeAt, int nameAt) = signature switch { 0x04034b50 => (22, 30), 0x02014b50 => (24, 46), _ => (-1, -1) };
            if (sizeAt < 0 || !bytes.AsSpan(i + nameAt).StartsWith(name)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + sizeAt), length);
            patched++;
        }
        Assert.Equal(2, patched);
        File.WriteAllBytes(path, bytes);
    }
}
