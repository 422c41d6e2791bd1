namespace StaticNets.Runtime.Tests.Networks;

// The three reference networks of DESIGN.md, declared as a user would.

[Network("FC(100)+RELU+FC(10)+SOFTMAX", Input = "3x32x32")]
internal partial class Mlp2
{
}

[Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LeNet5
{
}

[Network("((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX", Input = "3x32x32", Classes = 10,
         Let = "N=2, M=3, K=1", Defaults = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256)")]
internal partial class Cifar
{
}

// Small networks that put every layer option through a full gradient check: strided and padded
// convolution, overlapping pooling, a convolution straight after the input, and a scoring FC implied
// by the loss.

[Network("CONV(3,3,stride:2,pad:1)+RELU+POOL(3,stride:1)+FC(6)+RELU+FC(4)+SOFTMAX", Input = "2x7x7")]
internal partial class StridedConvNet
{
}

[Network("CONV(4,3)+RELU+CONV(3,3,stride:2)+RELU+POOL(3,stride:2)+SOFTMAX", Input = "1x13x13", Classes = 3)]
internal partial class ImpliedScoringNet
{
}

[Network("FC(7)+RELU+FC(5)+RELU+FC(3)+SOFTMAX", Input = "9")]
internal partial class TinyMlp
{
}

// Every remaining layer of the notes, each in a network small enough to check every parameter.

[Network("CONV(4,3,pad:1)+BN+LEAKYRELU(0.1)+AVGPOOL(2)+FC(6)+ELU+FC(3)+SOFTMAX", Input = "2x6x6")]
internal partial class NormalizedConvNet
{
}

[Network("FC(8)+SIGMOID+FC(6)+TANH+FC(5)+SOFTPLUS+FC(4)+SVM(2)", Input = "5")]
internal partial class SaturatingSvmNet
{
}

[Network("FC(8)+PRELU+MAXOUT(4,3)+BN+DROPOUT(0.3)+FC(3)+SOFTMAX", Input = "6")]
internal partial class MaxoutDropoutNet
{
}

[Network("CONV(3,3)+PRELU+BN+RELU+DROPOUT(0.5)+POOL(3)+FC(2)+L2", Input = "1x5x5")]
internal partial class ConvRegressor
{
}

[Network("CONV(6,5,pad:2)+BN+RELU+POOL(2)+CONV(16,5)+BN+RELU+POOL(2)+FC(120)+BN+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LeNet5BatchNorm
{
}
