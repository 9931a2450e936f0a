using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.ML;

namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>A model file whose column decisions were damaged or crafted is refused at load, naming the file, without a huge allocation.</summary>
public class ModelFileTests
{
    private static string SaveBinaryModel(TestFiles files)
    {
        var inference = SearchTables.Infer(SearchTables.Binary(), "y");
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.25, seed: 2);
        var result = TabularMlp.Fit(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1, EnsembleSize = 1 });
        string path = Path.Combine(files.Folder, "model.zip");
        result.Model.Save(new MLContext(), path);
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
        string path = SaveBinaryModel(files);
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
        string path = SaveBinaryModel(files);
        WriteSchemaEntry(path, new string(' ', TabularModel.MaxSchemaBytes) + SchemaText(path));
        DeclareLength(path, TabularModel.SchemaEntryName, 2048);
        var (error, allocated) = LoadFails(path);
        Assert.StartsWith(path, error.Message);
        Assert.Contains("cannot be read", error.Message);
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated");
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
