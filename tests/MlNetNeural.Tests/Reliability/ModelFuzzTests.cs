using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.ML;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// Fuzzing the saved model, seeded so every run tries the same damage: random byte flips (half inside the MLP's entry,
/// re-zipped so only MlNetNeural's own checks stand between the flip and the user; half anywhere in the file), truncations,
/// and crafted sizes written into the payload with its hashes recomputed (what a hostile file can do). Every file must be
/// refused or load unchanged: no crash, no silent change of a prediction or class name, and loading takes at most twice
/// the file's size plus 64 MB (bytes allocated on the loading thread). The set of single-pass sources every transform is
/// scored from is in <see cref="SinglePassScoringTests"/>. Set MLNN_FUZZ_SCALE=10 for a run ten times longer, with other seeds.
/// </summary>
public sealed class ModelFuzzTests(FuzzedModels models, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<FuzzedModels>
{
    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("MLNN_FUZZ_SCALE"), out int scale) && scale > 0 ? scale : 1;

    private readonly MLContext _ml = new MLContext().RegisterMlNetNeural();

    /// <summary>Runs every file, checks each outcome and the memory bound, and prints the tally.</summary>
    private void Check(string what, IEnumerable<byte[]> files)
    {
        var tally = new Dictionary<LoadOutcome, int>();
        var refusals = new Dictionary<string, int>();
        long largest = 0;
        int count = 0;
        foreach (byte[] file in files)
        {
            var (outcome, allocated, detail) = LoadAttempt.Run(_ml, models, file);
            Assert.True(outcome is LoadOutcome.Refused or LoadOutcome.LoadedUnchanged, $"{what} #{count}: {outcome} {detail}");
            Assert.True(allocated <= LoadAttempt.Bound(file), $"{what} #{count}: loading a {file.Length:N0}-byte file allocated {allocated:N0} bytes");
            tally[outcome] = tally.GetValueOrDefault(outcome) + 1;
            if (outcome == LoadOutcome.Refused) refusals[detail.Split(':')[0]] = refusals.GetValueOrDefault(detail.Split(':')[0]) + 1;
            largest = Math.Max(largest, allocated);
            count++;
        }
        output.WriteLine($"{what}: {count} files; {string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}"))}; " +
            $"most allocated by one load {largest:N0} bytes; refusals by type: {string.Join(", ", refusals.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}");
    }

    [Fact]
    public void SeededByteFlipsAreRefusedOrChangeNothing()
    {
        int flips = 300 * Scale;
        var random = new Random(1000 * Scale + 1);
        Check($"byte flips in the MLP entry (seed {1000 * Scale + 1})", Enumerable.Range(0, flips).Select(_ =>
        {
            byte[] entry = (byte[])models.Mlp.Bytes.Clone();
            entry[models.Mlp.LengthFieldOffset + random.Next(models.Mlp.PayloadLength + sizeof(int))] ^= (byte)random.Next(1, 256);
            return models.ZipWithMlpEntry(entry);
        }));
        Check($"byte flips anywhere in the file (seed {1000 * Scale + 1})", Enumerable.Range(0, flips).Select(_ =>
        {
            byte[] file = (byte[])models.Zip.Clone();
            file[random.Next(file.Length)] ^= (byte)random.Next(1, 256);
            return file;
        }));
    }

    [Fact]
    public void TruncatedFilesAndEntriesAreRefused()
    {
        var random = new Random(2000 * Scale + 2);
        Check("truncated files", Enumerable.Range(0, 40 * Scale).Select(_ => models.Zip[..random.Next(models.Zip.Length)]));
        Check("truncated MLP payloads", Enumerable.Range(0, 40 * Scale).Select(_ =>
        {
            byte[] entry = (byte[])models.Mlp.Bytes.Clone();
            int keep = random.Next(models.Mlp.PayloadLength);
            entry.AsSpan(models.Mlp.PayloadOffset + keep, models.Mlp.PayloadLength - keep).Clear();
            return models.ZipWithMlpEntry(entry);
        }));
    }

    [Fact]
    public void CraftedSizesWithValidHashesAreRefusedWithinTheMemoryBound()
    {
        var fields = CraftedFields();
        var random = new Random(3000 * Scale + 3);
        int[] special = [int.MaxValue, int.MinValue, -1, 0, 1, 1 << 20, 1 << 28, (1 << 30) - 1, 0x7FFF_FFF0];
        Check("crafted sizes", fields.SelectMany(field => special.Concat(Enumerable.Range(0, 4 * Scale).Select(_ => random.Next(int.MinValue, int.MaxValue)))
            .Select(value => Crafted(field, value))));
    }

    /// <summary>A field of the payload to overwrite: its offset in the payload, and the network's bounds when it lies inside the network.</summary>
    private sealed record Field(string Name, int Offset, (int Start, int Length)? Network);

    private List<Field> CraftedFields()
    {
        byte[] payload = models.Mlp.Bytes.AsSpan(models.Mlp.PayloadOffset, models.Mlp.PayloadLength).ToArray();
        var (_, sections) = SectionedPayload.Open(new MemoryStream(payload), new ModelLoadBudget(new MlNetNeuralLoadOptions()));
        var byCode = sections.ToDictionary(s => s.Code);
        var network = byCode[3];
        var history = byCode[5];
        var fields = sections.Select(s => new Field($"length of section {s.Code}", (int)s.Offset - sizeof(int), null)).ToList();
        fields.Add(new Field("class-name count", (int)byCode[2].Offset, null));
        fields.Add(new Field("option count", (int)byCode[4].Offset, null));
        fields.Add(new Field("epoch count", EpochCountOffset(payload, (int)history.Offset), null));
        var bounds = ((int)network.Offset, network.Length);
        fields.Add(new Field("layer count", (int)network.Offset + 8, bounds));
        // Layer 0 (after magic, version, count and its kind byte): every kind starts with a size. The first dense layer's two sizes.
        fields.Add(new Field("first size of layer 0", (int)network.Offset + 13, bounds));
        int dense = FirstDenseLayer(payload, (int)network.Offset + 12);
        fields.Add(new Field("inputs of the first dense layer", dense + 1, bounds));
        fields.Add(new Field("outputs of the first dense layer", dense + 5, bounds));
        return fields;
    }

    /// <summary>The offset of the kind byte of the first dense layer, skipping a feature-scaling layer (size, clip bound, flags, shifts, scales, gains).</summary>
    private static int FirstDenseLayer(byte[] payload, int kindOffset)
    {
        if (payload[kindOffset] == 1) return kindOffset;
        Assert.Equal(3, payload[kindOffset]);
        int size = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(kindOffset + 1));
        bool gain = payload[kindOffset + 9] == 1;
        return kindOffset + 1 + 4 + 4 + 1 + (gain ? 3 : 2) * size * sizeof(float);
    }

    /// <summary>The offset of the epoch count in a history section: after the metric name, best epoch, stop reason, stop message, rows and seconds.</summary>
    private static int EpochCountOffset(byte[] payload, int offset)
    {
        var reader = new BinaryReader(new MemoryStream(payload) { Position = offset });
        reader.ReadString();
        reader.ReadInt32();
        reader.ReadInt32();
        reader.ReadString();
        reader.ReadInt32();
        reader.ReadInt32();
        reader.ReadDouble();
        return (int)reader.BaseStream.Position;
    }

    /// <summary>The model file with <paramref name="value"/> written into <paramref name="field"/> and the network's and payload's hashes recomputed.</summary>
    private byte[] Crafted(Field field, int value)
    {
        byte[] entry = (byte[])models.Mlp.Bytes.Clone();
        var payload = entry.AsSpan(models.Mlp.PayloadOffset, models.Mlp.PayloadLength);
        BinaryPrimitives.WriteInt32LittleEndian(payload[field.Offset..], value);
        if (field.Network is var (start, length))
        {
            ulong hash = 14695981039346656037UL;
            foreach (byte b in payload.Slice(start, length - sizeof(ulong))) hash = (hash ^ b) * 1099511628211UL;
            BinaryPrimitives.WriteUInt64LittleEndian(payload[(start + length - sizeof(ulong))..], hash);
        }
        SHA256.HashData(payload[..^SectionedPayload.HashLength], payload[^SectionedPayload.HashLength..]);
        return models.ZipWithMlpEntry(entry);
    }
}
