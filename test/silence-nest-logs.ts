import { Logger } from '@nestjs/common';

// Unit tests assert on behaviour, not on log lines: keep their output readable.
Logger.overrideLogger(false);
