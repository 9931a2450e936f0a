using System.Text;
using MlNetNeural.Core.IO;

namespace MlNetNeural.Cli.Output;

/// <summary>Text files written all-or-nothing, creating the folder when needed.</summary>
internal static class TextFiles
{
    /// <summary>Writes the file in <paramref name="encoding"/> (default UTF-8 without a byte-order mark).</summary>
    public static void Write(string path, Action<TextWriter> write, Encoding? encoding = null) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, encoding ?? new UTF8Encoding(false), leaveOpen: true);
        write(writer);
    }, createDirectory: true);
}
