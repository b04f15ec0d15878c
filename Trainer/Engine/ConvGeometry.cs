namespace Trainer.Engine;

/// <summary>Kernel size, stride and zero padding of a 2-D window (convolution or pooling), per axis.</summary>
/// <param name="KernelH">Kernel rows.</param>
/// <param name="KernelW">Kernel columns.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="PadH">Zero rows added above and below.</param>
/// <param name="PadW">Zero columns added left and right.</param>
internal readonly record struct ConvGeometry(int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW)
{
    /// <summary>A square kernel with equal strides and paddings.</summary>
    public static ConvGeometry Square(int kernel, int stride = 1, int padding = 0) =>
        new(kernel, kernel, stride, stride, padding, padding);

    /// <summary>Output rows for <paramref name="inH"/> input rows.</summary>
    public int OutH(int inH) => ((inH + (2 * PadH) - KernelH) / StrideH) + 1;

    /// <summary>Output columns for <paramref name="inW"/> input columns.</summary>
    public int OutW(int inW) => ((inW + (2 * PadW) - KernelW) / StrideW) + 1;

    /// <summary>Throws, naming <paramref name="layer"/>, when the geometry is invalid or does not fit the input.</summary>
    public void Validate(string layer, int inH, int inW)
    {
        if (KernelH < 1 || KernelW < 1 || StrideH < 1 || StrideW < 1 || PadH < 0 || PadW < 0)
        {
            throw new ArgumentException($"{layer}: kernel and stride must be at least 1 and padding at least 0 (got {this}).");
        }

        if (PadH >= KernelH || PadW >= KernelW)
        {
            throw new ArgumentException($"{layer}: padding must be smaller than the kernel (got {this}).");
        }

        if (inH + (2 * PadH) < KernelH || inW + (2 * PadW) < KernelW)
        {
            throw new ArgumentException($"{layer}: the {KernelH}x{KernelW} kernel does not fit the {inH}x{inW} input with padding {PadH}x{PadW}.");
        }
    }
}
