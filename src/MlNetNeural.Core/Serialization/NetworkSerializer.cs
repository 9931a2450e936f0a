using System.Buffers.Binary;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Serialization;

/// <summary>Writes and reads networks in the versioned binary format described by <see cref="NetworkFormat"/>.</summary>
public static class NetworkSerializer
{
    /// <summary>Serialises <paramref name="network"/> to a byte array.</summary>
    /// <param name="network">The network to save.</param>
    public static byte[] ToBytes(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = new MemoryStream();
        Write(network, stream);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/>, checksum included, without a copy of the whole network in memory.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="InvalidOperationException">A parameter holds a NaN or an infinity: such a network cannot predict, and readers refuse it.</exception>
    public static void Write(Network network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        RequireFinite(network);
        using var hashing = new Fnv1aStream(stream);
        using (var writer = new BinaryWriter(hashing, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(NetworkFormat.Magic);
            writer.Write(NetworkFormat.CurrentVersion);
            writer.Write(network.Layers.Count);
            foreach (var layer in network.Layers) WriteLayer(writer, layer);
        }
        Span<byte> hashBytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(hashBytes, hashing.Hash);
        stream.Write(hashBytes);
    }

    /// <summary>Reads a network from <paramref name="stream"/> (the rest of the stream is the network).</summary>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="InvalidNetworkFileException">The data is not a valid network.</exception>
    public static Network Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek) return Read(stream, stream.Length - stream.Position);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return Read(copy, copy.Length);
    }

    /// <summary>
    /// Reads a network stored in the <paramref name="length"/> bytes at the current position of a seekable stream, and leaves
    /// the stream after them. The checksum is verified before anything is allocated; the weights are then read straight into
    /// the network's arrays, so loading takes the network's own size in memory and no more.
    /// </summary>
    /// <param name="stream">A readable, seekable stream positioned at the network.</param>
    /// <param name="length">Bytes the network occupies.</param>
    /// <exception cref="InvalidNetworkFileException">The data is not a valid network.</exception>
    public static Network Read(Stream stream, long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("Reading a network of a given length needs a seekable stream; use Read(Stream) for others.", nameof(stream));
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long start = stream.Position;
        length = Math.Min(length, stream.Length - start);
        var header = new NetworkReader(stream, length);
        Span<byte> magic = stackalloc byte[NetworkFormat.Magic.Length];
        for (int i = 0; i < magic.Length && header.Remaining > 0; i++) magic[i] = header.ReadByte("signature");
        if (length < magic.Length || !magic.SequenceEqual(NetworkFormat.Magic))
            throw new InvalidNetworkFileException("This is not an MlNetNeural network: the data does not start with the 'MLNN' signature.");
        uint version = header.ReadUInt32("format version");
        if (version < 1 || version > NetworkFormat.CurrentVersion)
            throw new InvalidNetworkFileException($"The network was saved in format version {version}; this MlNetNeural reads versions 1 to {NetworkFormat.CurrentVersion}. Upgrade MlNetNeural to load it.");
        long bodyEnd = length - sizeof(ulong);
        if (bodyEnd < NetworkFormat.Magic.Length + sizeof(uint))
            throw new InvalidNetworkFileException("The network data is truncated: it ends before its checksum.");
        VerifyChecksum(stream, start, bodyEnd);

        stream.Position = start + NetworkFormat.Magic.Length + sizeof(uint);
        var reader = new NetworkReader(stream, bodyEnd - NetworkFormat.Magic.Length - sizeof(uint));
        int layerCount = reader.ReadInt32("layer count");
        if (layerCount < 1 || layerCount > NetworkFormat.MaxLayers)
            throw new InvalidNetworkFileException($"The network data is corrupt: it declares {layerCount} layers.");
        var layers = new List<Layer>(layerCount);
        for (int i = 0; i < layerCount; i++) layers.Add(ReadLayer(ref reader, i));
        if (!reader.AtEnd) throw new InvalidNetworkFileException($"The network data is corrupt: {reader.Remaining} unexpected bytes follow the last layer.");
        stream.Position = start + length;
        try
        {
            return new Network(layers);
        }
        catch (ArgumentException e)
        {
            throw new InvalidNetworkFileException($"The network data is corrupt: {e.Message}");
        }
    }

    /// <summary>Reads a network from bytes written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The serialised network.</param>
    /// <exception cref="InvalidNetworkFileException">The data is not a valid network.</exception>
    public static unsafe Network FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return Read(Stream.Null, 0);
        fixed (byte* data = bytes)
        {
            using var stream = new UnmanagedMemoryStream(data, bytes.Length);
            return Read(stream, bytes.Length);
        }
    }

    private static void RequireFinite(Network network)
    {
        foreach (var parameter in network.Parameters)
        {
            int index = parameter.Values.AsSpan().IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
            if (index >= 0)
                throw new InvalidOperationException(
                    $"{parameter.Name}[{index}] is {parameter.Values[index]}: a network with a NaN or infinite parameter cannot predict, so it is not saved. Retrain it (see the divergence advice in the training history).");
        }
    }

    /// <summary>Hashes the <paramref name="bodyEnd"/> bytes from <paramref name="start"/> in chunks and compares with the stored checksum after them.</summary>
    private static void VerifyChecksum(Stream stream, long start, long bodyEnd)
    {
        stream.Position = start;
        ulong hash = NetworkFormat.Fnv1aSeed;
        byte[] buffer = new byte[(int)Math.Min(bodyEnd, 1 << 16)];
        for (long left = bodyEnd; left > 0;)
        {
            int chunk = (int)Math.Min(left, buffer.Length);
            stream.ReadExactly(buffer, 0, chunk);
            hash = NetworkFormat.Fnv1a(hash, buffer.AsSpan(0, chunk));
            left -= chunk;
        }
        Span<byte> stored = stackalloc byte[sizeof(ulong)];
        stream.ReadExactly(stored);
        if (hash != BinaryPrimitives.ReadUInt64LittleEndian(stored))
            throw new InvalidNetworkFileException("The network data is corrupt or truncated: its checksum does not match its contents.");
    }

    /// <summary>Writes one layer: its kind byte, then its fields.</summary>
    internal static void WriteLayer(BinaryWriter writer, Layer layer)
    {
        writer.Write(layer.Format.Code);
        layer.WriteFields(writer);
    }

    /// <summary>Reads one layer written by <see cref="WriteLayer"/>.</summary>
    internal static Layer ReadLayer(ref NetworkReader reader, int index)
    {
        byte code = reader.ReadByte($"kind of layer {index}");
        var format = LayerFormats.Find(code)
            ?? throw new InvalidNetworkFileException($"Layer {index} has kind {code}, which this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        return format.Read(ref reader, index);
    }
}
