import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { MAX_STOCK_NAME_LENGTH, MAX_TRADE_QUANTITY } from '../../shared/contracts';
import { OrderNumberPipe } from './order-number.pipe';
import { PlaceOrderDto } from './place-order.dto';
import { toErrorReply } from '../../shared/http/error-envelope';
import { StrictValidationPipe } from '../../shared/http/strict-validation.pipe';

const BODY: ArgumentMetadata = { type: 'body', metatype: PlaceOrderDto, data: undefined };
const VALID = { name: 'GameStart', quantity: 1, type: 'buy' };

/** The 400 message the pipe gives `value`, or fails if the pipe accepts it. */
async function refusal(sut: StrictValidationPipe, value: unknown, metadata = BODY): Promise<string> {
  try {
    await sut.transform(value, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return toErrorReply(error).body.error.message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe(StrictValidationPipe.name, () => {
  const sut = new StrictValidationPipe();

  it('turns a valid body into the DTO with the same values', async () => {
    const result = await sut.transform({ ...VALID }, BODY);
    expect(result).toBeInstanceOf(PlaceOrderDto);
    expect(result).toEqual(VALID);
  });

  it('makes a valid body the DTO without class-transformer and class-validator', async () => {
    const classValidator = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      const result = await sut.transform({ ...VALID }, BODY);
      expect(result).toBeInstanceOf(PlaceOrderDto);
      expect(result).toEqual(VALID);
      expect(classValidator).not.toHaveBeenCalled();
      await refusal(sut, { ...VALID, quantity: 0 });
      expect(classValidator).toHaveBeenCalledTimes(1);
    } finally {
      classValidator.mockRestore();
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ['a valid body', VALID],
    ['a sell', { ...VALID, type: 'sell' }],
    ['the largest quantity', { ...VALID, quantity: MAX_TRADE_QUANTITY }],
    ['a one-character name', { ...VALID, name: 'G' }],
    ['the longest name', { ...VALID, name: 'G'.repeat(MAX_STOCK_NAME_LENGTH) }],
    ['a name with a space', { ...VALID, name: 'Game Start' }],
    ['a name outside ASCII', { ...VALID, name: 'Zürich' }],
    ['a variation selector alone', { ...VALID, name: '\uFE0F' }],
    ['the longest name in emoji', { ...VALID, name: '😀'.repeat(MAX_STOCK_NAME_LENGTH) }],
    ['a name one too long', { ...VALID, name: 'G'.repeat(MAX_STOCK_NAME_LENGTH + 1) }],
    ['an empty name', { ...VALID, name: '' }],
    ['a quantity one too large', { ...VALID, quantity: MAX_TRADE_QUANTITY + 1 }],
    ['quantity 0', { ...VALID, quantity: 0 }],
    ['quantity 1.5', { ...VALID, quantity: 1.5 }],
    ['quantity "1"', { ...VALID, quantity: '1' }],
    ['quantity true', { ...VALID, quantity: true }],
    ['type "BUY"', { ...VALID, type: 'BUY' }],
    ['a null name', { ...VALID, name: null }],
    ['a missing type', { name: 'GameStart', quantity: 1 }],
    ['an extra field', { ...VALID, price: 1 }],
  ])('accepts without class-validator only what class-validator accepts as it is: %s', async (_case, body) => {
    const viaDecorators = await ValidationPipe.prototype.transform.call(sut, { ...body }, BODY).then(
      (dto: unknown) => ({ accepted: { ...(dto as object) } }),
      (error: unknown) => ({ refused: toErrorReply(error).body.error.message }),
    );
    if (PlaceOrderDto.accepts(body)) expect(viaDecorators).toEqual({ accepted: body });
    const viaPipe = await sut.transform({ ...body }, BODY).then(
      (dto: unknown) => ({ accepted: { ...(dto as object) } }),
      (error: unknown) => ({ refused: toErrorReply(error).body.error.message }),
    );
    expect(viaPipe).toEqual(viaDecorators);
  });

  it.each([
    ['an array', [VALID]],
    ['a string', 'GameStart'],
    ['a number', 3],
    ['null', null],
    ['nothing', undefined],
  ])('refuses %s as a body', async (_case, value) => {
    expect(await refusal(sut, value)).toBe('request body must be a JSON object');
  });

  it.each([
    ['quantity 0', { ...VALID, quantity: 0 }, 'quantity must be a positive integer'],
    ['quantity -1', { ...VALID, quantity: -1 }, 'quantity must be a positive integer'],
    ['quantity 1.5', { ...VALID, quantity: 1.5 }, 'quantity must be a positive integer'],
    ['quantity "3" (no implicit conversion)', { ...VALID, quantity: '3' }, 'quantity must be a positive integer'],
    ['a missing quantity', { name: 'GameStart', type: 'buy' }, 'quantity must be a positive integer'],
    ['type "hold"', { ...VALID, type: 'hold' }, 'type must be buy or sell'],
    ['a name that is an object', { ...VALID, name: { $gt: '' } }, 'name must be a string'],
    ['an empty name', { ...VALID, name: '' }, 'name must be 1 to 64 characters'],
    ['an unknown field', { ...VALID, price: 1 }, 'property price should not exist'],
    [
      'a __proto__ key',
      JSON.parse('{"name":"GameStart","quantity":1,"type":"buy","__proto__":{"x":1}}'),
      'property __proto__ should not exist',
    ],
    ['a constructor key', { ...VALID, constructor: 1 }, 'property constructor should not exist'],
    ['a prototype key', { ...VALID, prototype: {} }, 'property prototype should not exist'],
    [
      'deep nesting',
      { ...VALID, name: JSON.parse('['.repeat(1500) + ']'.repeat(1500)) },
      'request body is nested too deeply',
    ],
  ])('refuses %s with one clear message', async (_case, value, message) => {
    expect(await refusal(sut, value)).toBe(message);
  });

  it('leaves path parameters as strings for their own pipe', async () => {
    const param: ArgumentMetadata = { type: 'param', metatype: Number, data: 'number' };
    for (const raw of ['0x1', '1e3', ' 1', '7']) expect(await sut.transform(raw, param)).toBe(raw);
  });

  it('lets the order-number pipe refuse what Number() would accept', async () => {
    const param: ArgumentMetadata = { type: 'param', metatype: Number, data: 'number' };
    const orderNumber = new OrderNumberPipe();
    const parse = async (raw: string): Promise<number> =>
      orderNumber.transform((await sut.transform(raw, param)) as string);
    await expect(parse('42')).resolves.toBe(42);
    for (const raw of ['0x1', '1e3', ' 1', '-1', '1.5', 'abc', '']) {
      await expect(parse(raw)).rejects.toBeInstanceOf(BadRequestException);
    }
  });
});
