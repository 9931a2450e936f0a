using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace MlNetNeural.Tabular.Tests;

/// <summary>
/// Bytes sent through an anonymous pipe and readable at a path, as <c>/dev/stdin</c> fed by a pipe or a shell's process
/// substitution (<c>&lt;(cat file)</c>) are: a stream that can be read only once. Linux only (<c>/dev/fd/N</c>).
/// Linked into MlNetNeural.Cli.Tests too.
/// </summary>
internal sealed class TextPipe : IDisposable
{
    // A pipe holds 64 KB on Linux: the bytes are written before anyone reads them, so they must fit.
    private const int PipeCapacity = 1 << 16;

    private readonly SafeHandle _readEnd;

    public TextPipe(byte[] bytes)
    {
        Assert.True(bytes.Length < PipeCapacity, $"{bytes.Length} bytes do not fit in a pipe");
        using var writeEnd = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        _readEnd = writeEnd.ClientSafePipeHandle;
        writeEnd.Write(bytes);
        Path = $"/dev/fd/{_readEnd.DangerousGetHandle()}";
    }

    /// <summary>Where the bytes can be read, once.</summary>
    public string Path { get; }

    public void Dispose() => _readEnd.Dispose();
}
